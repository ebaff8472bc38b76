import { z } from 'zod';

// JSON Schema from the zod schemas (zod 4's z.toJSONSchema). Money and quantities in the shop's
// bodies are parsed by custom transforms that JSON Schema cannot express; they come out empty
// and are described here instead, by field name.

type JsonObject = Record<string, unknown>;

const MONEY_FIELDS = new Set(['price', 'discount', 'prepaid', 'total']);

const moneyInput: JsonObject = {
  description: 'roubles: a JSON number or a decimal string, ≥ 0, at most 2 decimals',
  oneOf: [
    { type: 'number', minimum: 0 },
    { type: 'string', pattern: '^\\d+(\\.\\d{1,2})?$' },
  ],
};

const quantityInput: JsonObject = {
  description: '> 0, at most 3 decimals, at most 99 999.999; a number or a decimal string',
  oneOf: [
    { type: 'number', exclusiveMinimum: 0, maximum: 99999.999 },
    { type: 'string', pattern: '^\\d+(\\.\\d{1,3})?$' },
  ],
};

const isEmpty = (value: unknown): boolean =>
  typeof value === 'object' && value !== null && Object.keys(value).length === 0;

function describeCustomFields(node: unknown): void {
  if (typeof node !== 'object' || node === null) return;
  const properties = (node as { properties?: JsonObject }).properties;
  if (properties) {
    for (const [name, schema] of Object.entries(properties)) {
      if (MONEY_FIELDS.has(name) && isEmpty(schema)) properties[name] = { ...moneyInput };
      else if (name === 'quantity' && isEmpty(schema)) properties[name] = { ...quantityInput };
    }
  }
  for (const child of Object.values(node)) describeCustomFields(child);
}

/** A request body's JSON Schema: what a client may send (the input side of transforms). */
export function requestSchema(schema: z.ZodType): JsonObject {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonObject;
  delete json.$schema;
  describeCustomFields(json);
  return json;
}

/** A response body's JSON Schema. */
export function responseSchema(schema: z.ZodType): JsonObject {
  const json = z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' }) as JsonObject;
  delete json.$schema;
  return json;
}
