// The receipt engine's public surface for other areas (pipeline, emulator tests, CLI).
export { invoiceSchema, refundSchema, parseDocument } from './receipt-schemas';
export type { ShopDocument, ShopItem, ShopShipping } from './receipt-schemas';
export { buildReceipt, operationFor, MAX_RECEIPT_LINES } from './receipt-engine';
export type { ReceiptSettings } from './receipt-settings';
export { ReceiptSettingsError } from './receipt-settings';
export { ReceiptInvariantError, receiptBreaches } from './receipt-invariants';
export type * from './receipt-types';
export type { DocumentKind, ReceiptOperation } from './receipt-enums';
export { createRequestFactory } from './request-factory';
export type { RequestFactory, RequestInput, RequestModule } from './request-factory';
export type { AtolV4Body, AtolV4Item } from './atol-v4-request';
export { externalIdFor } from './external-id';
export { createPreviewService, TEST_COMPANY_NOTICE } from './preview-service';
export type { PreviewService, PreviewResult, PreviewDeps } from './preview-service';
export { createPreviewRouter } from './preview-routes';
