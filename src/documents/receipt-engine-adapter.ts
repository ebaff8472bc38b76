import { z } from 'zod';
import { ValidationError } from '../errors/errors';
import { buildReceipt } from '../receipt/receipt-engine';
import {
  invoiceSchema,
  parseDocument,
  refundSchema,
  type ShopDocument,
} from '../receipt/receipt-schemas';
import type { ReceiptSettings } from '../receipt/receipt-settings';
import type { DocumentKind } from './document-types';
import { createKnownFieldsCheck, type JsonSchemaNode } from './known-fields';
import type { ReceiptEnginePort } from './receipt-engine-port';

function knownFieldsOf(schema: z.ZodType) {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
  return createKnownFieldsCheck(json as JsonSchemaNode);
}

/**
 * The receipt engine with the configured settings bound, as the document service calls it.
 * Unknown fields are refused here, at the shop API's edge, together with the engine's own
 * field problems, so one answer lists everything wrong with a body.
 */
export function createReceiptEngine(
  settings: ReceiptSettings,
  now: () => Date = () => new Date(),
): ReceiptEnginePort {
  const unknownFields = {
    invoice: knownFieldsOf(invoiceSchema),
    refund: knownFieldsOf(refundSchema),
  };

  function parse(kind: DocumentKind, body: unknown) {
    const unknown = unknownFields[kind](body);
    let document: ShopDocument;
    try {
      document = parseDocument(kind, body);
    } catch (error) {
      if (!(error instanceof ValidationError) || unknown.length === 0) throw error;
      throw new ValidationError(error.message, [...error.fields, ...unknown]);
    }
    if (unknown.length > 0) throw new ValidationError(`The ${kind} has unknown fields`, unknown);
    return document;
  }

  return {
    parse(kind, body) {
      const document = parse(kind, body);
      return {
        id: document.id,
        orderId: document.orderId,
        invoiceId: document.invoiceId,
        canonical: document,
        buildReceipt(context) {
          const built = buildReceipt(document, kind, settings, { now: now(), ...context });
          return {
            receipt: built.receipt,
            totalKopecks: built.receipt.totalKopecks,
            documentDate: new Date(built.receipt.documentDate),
            notes: built.notes,
          };
        },
      };
    },
  };
}
