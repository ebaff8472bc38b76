import { createPreviewService, createRequestFactory } from '../../src/receipt';
import type { PreviewSettings } from '../../src/receipt/preview-service';

/** Settings as the configuration gives them in sandbox mode: ATOL's test company, defaults. */
export function testSettings(overrides: Partial<PreviewSettings['receipt']> = {}): PreviewSettings {
  return {
    timeZone: 'Europe/Moscow',
    company: {
      key: 'default',
      inn: '5544332219',
      sno: 'osn',
      paymentAddress: 'https://v4.online.atol.ru',
      email: 'sandbox@kkm.example',
      isTestCompany: true,
    },
    receipt: {
      defaultVat: 'vat20',
      defaultPaymentMethod: 'full_payment',
      defaultPaymentObject: 'commodity',
      defaultMeasurementUnit: 'шт',
      shippingPaymentObject: 'service',
      contactPreference: 'email',
      ...overrides,
    },
  };
}

/** The preview service as `kkm preview` builds it, with a fixed clock. */
export function testPreviewService(now = new Date('2026-03-14T09:40:05Z')) {
  return createPreviewService({
    settings: testSettings(),
    apiVersion: 4,
    factory: createRequestFactory(),
    now: () => now,
  });
}
