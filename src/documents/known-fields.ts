import type { FieldProblem } from '../errors/errors';

// The receipt engine's schemas drop fields they do not know (src/receipt/receipt-schemas.ts).
// The shop API refuses them instead (an unknown field is a 400 that names it), so a
// typo such as `discont` is not silently ignored. The allowed names come from the engine's own
// schemas through their JSON Schema, so the two cannot drift apart.

/** The part of a JSON Schema this check reads. */
export interface JsonSchemaNode {
  properties?: Record<string, JsonSchemaNode>;
  items?: JsonSchemaNode;
  anyOf?: JsonSchemaNode[];
  oneOf?: JsonSchemaNode[];
  allOf?: JsonSchemaNode[];
}

type FieldCheck = (body: unknown) => FieldProblem[];

function branches(node: JsonSchemaNode): JsonSchemaNode[] {
  const nested = [...(node.anyOf ?? []), ...(node.oneOf ?? []), ...(node.allOf ?? [])];
  return [node, ...nested.flatMap(branches)];
}

function propertiesOf(node: JsonSchemaNode): Map<string, JsonSchemaNode[]> | undefined {
  let result: Map<string, JsonSchemaNode[]> | undefined;
  for (const branch of branches(node)) {
    if (!branch.properties) continue;
    result ??= new Map();
    for (const [name, schema] of Object.entries(branch.properties)) {
      result.set(name, [...(result.get(name) ?? []), schema]);
    }
  }
  return result;
}

function itemsOf(node: JsonSchemaNode): JsonSchemaNode[] {
  return branches(node).flatMap((branch) => (branch.items ? [branch.items] : []));
}

function walk(value: unknown, nodes: JsonSchemaNode[], path: string[], out: FieldProblem[]) {
  if (value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    const items = nodes.flatMap(itemsOf);
    if (items.length > 0) value.forEach((item, i) => walk(item, items, [...path, String(i)], out));
    return;
  }
  const known = nodes.map(propertiesOf).filter((map) => map !== undefined);
  if (known.length === 0) return;
  for (const [key, item] of Object.entries(value)) {
    const schemas = known.flatMap((map) => map.get(key) ?? []);
    if (schemas.length === 0)
      out.push({ path: [...path, key].join('.'), message: 'is not a known field' });
    else walk(item, schemas, [...path, key], out);
  }
}

/** A check that names every field of a body that `schema` does not describe. */
export function createKnownFieldsCheck(schema: JsonSchemaNode): FieldCheck {
  return (body) => {
    const problems: FieldProblem[] = [];
    walk(body, [schema], [], problems);
    return problems;
  };
}
