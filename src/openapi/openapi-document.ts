import { z } from 'zod';
import {
  documentListSchema,
  documentViewSchema,
  errorBodySchema,
  listQuerySchema,
  sendBodySchema,
} from '../documents/document-schemas';
import { kindWithArticle, type DocumentKind } from '../documents/document-types';
import { invoiceSchema, refundSchema } from '../receipt/receipt-schemas';
import { requestSchema, responseSchema } from './openapi-schemas';

type JsonObject = Record<string, unknown>;

const ref = (name: string): JsonObject => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: JsonObject): JsonObject => ({ content: { 'application/json': { schema } } });
const answer = (description: string, name: string): JsonObject => ({
  description,
  ...json(ref(name)),
});

const ERRORS: Record<string, string> = {
  '400': 'malformed: the body names every failing field (`error.fields`)',
  '401': 'no or wrong API key',
  '404': 'no such document',
  '409': 'conflict: another body under the same id, or refused by the exactly-once rules',
  '413': 'body over the size limit',
  '415': 'body is not JSON',
  '422': 'well formed but no valid receipt can be built; fields named',
};

function errors(...codes: string[]): JsonObject {
  return Object.fromEntries(codes.map((code) => [code, answer(ERRORS[code] ?? code, 'Error')]));
}

const idParameter = {
  name: 'id',
  in: 'path',
  required: true,
  description: "the shop's id of the document",
  schema: { type: 'string', pattern: '^[A-Za-z0-9._-]{1,64}$' },
};

function kindPaths(kind: 'invoice' | 'refund', plural: string, body: string): JsonObject {
  const tag = plural;
  const operation = kind === 'invoice' ? 'sell' : 'sell_refund';
  const one = { tags: [tag], parameters: [idParameter] };
  return {
    [`/api/v1/${plural}`]: {
      post: {
        tags: [tag],
        summary: `Accept ${kindWithArticle(kind)} (ATOL ${operation}); idempotent by id`,
        requestBody: { required: true, ...json(ref(body)) },
        responses: {
          '201': answer('stored (and queued when auto-send is on)', 'Document'),
          '200': answer('a repeat of a stored document with the same body', 'Document'),
          ...errors('400', '401', '409', '413', '415', '422'),
        },
      },
    },
    [`/api/v1/${plural}/{id}`]: {
      get: {
        ...one,
        summary: `The ${kind} with its receipt, attempts, transactions, fiscal data and history`,
        responses: { '200': answer('the document', 'Document'), ...errors('400', '401', '404') },
      },
    },
    [`/api/v1/${plural}/{id}/send`]: {
      post: {
        ...one,
        summary: `Send or resend ${kindWithArticle(kind)}; refused while a receipt waits or is done`,
        requestBody: { required: false, ...json(ref('SendRequest')) },
        responses: {
          '200': answer('queued (or sent, in sync mode)', 'Document'),
          ...errors('400', '401', '404', '409'),
        },
      },
    },
    [`/api/v1/${plural}/{id}/refresh`]: {
      post: {
        ...one,
        summary: `Ask ATOL for the result of the ${kind}'s newest receipt now`,
        responses: {
          '200': answer('the document after applying the report', 'Document'),
          ...errors('400', '401', '404', '409'),
        },
      },
    },
  };
}

function listParameters(): JsonObject[] {
  const schema = requestSchema(listQuerySchema) as { properties?: Record<string, JsonObject> };
  return Object.entries(schema.properties ?? {}).map(([name, property]) => ({
    name,
    in: 'query',
    required: false,
    schema: property,
    ...(typeof property.description === 'string' ? { description: property.description } : {}),
  }));
}

const previewAnswer = z.object({
  operation: z.enum(['sell', 'sell_refund']),
  apiVersion: z.number().int(),
  request: z.record(z.string(), z.unknown()).describe('the exact ATOL body'),
});

function previewPaths(): JsonObject {
  const preview = (kind: DocumentKind, body: string) => ({
    post: {
      tags: ['preview'],
      summary: `The ATOL body ${kindWithArticle(kind)} would be sent as; nothing is stored or sent`,
      requestBody: { required: true, ...json(ref(body)) },
      responses: { '200': answer('the ATOL body', 'Preview'), ...errors('400', '401', '422') },
    },
  });
  return {
    '/api/v1/preview/invoice': preview('invoice', 'Invoice'),
    '/api/v1/preview/refund': preview('refund', 'Refund'),
  };
}

/** The OpenAPI 3.1 document of the shop API, generated from the zod schemas. */
export function buildOpenApiDocument(options: { version: string; serverUrl?: string }): JsonObject {
  return {
    openapi: '3.1.0',
    info: {
      title: 'kkm shop API',
      version: options.version,
      description:
        'Invoices and refunds from the shop, registered as ATOL Online receipts exactly once. ' +
        'Money in answers is decimal roubles with two decimals ("4180.00") plus `…Kopecks` ' +
        'integers. Send `Authorization: Bearer <API key>`.',
    },
    ...(options.serverUrl ? { servers: [{ url: options.serverUrl }] } : {}),
    security: [{ apiKey: [] }],
    paths: {
      ...kindPaths('invoice', 'invoices', 'Invoice'),
      ...kindPaths('refund', 'refunds', 'Refund'),
      '/api/v1/documents': {
        get: {
          tags: ['documents'],
          summary: 'Invoices and refunds, newest first, filtered and paged by cursor',
          parameters: listParameters(),
          responses: { '200': answer('one page', 'DocumentList'), ...errors('400', '401') },
        },
      },
      ...previewPaths(),
    },
    components: {
      securitySchemes: { apiKey: { type: 'http', scheme: 'bearer' } },
      schemas: {
        Invoice: requestSchema(invoiceSchema),
        Refund: requestSchema(refundSchema),
        SendRequest: requestSchema(sendBodySchema),
        Document: responseSchema(documentViewSchema),
        DocumentList: responseSchema(documentListSchema),
        Preview: responseSchema(previewAnswer),
        Error: responseSchema(errorBodySchema),
      },
    },
  };
}
