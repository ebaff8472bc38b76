import { ValidationError } from '../errors/errors';
import { createPreviewService, type PreviewSettings } from './preview-service';
import { createRequestFactory } from './request-factory';
import { parseDocument } from './receipt-schemas';

const settings: PreviewSettings = {
  timeZone: 'Europe/Moscow',
  company: {
    key: 'shop',
    inn: '5544332219',
    sno: 'osn',
    paymentAddress: 'https://v4.online.atol.ru',
    email: 'sandbox@kkm.example',
    isTestCompany: true,
  },
  receipt: {
    defaultVat: 'none',
    defaultPaymentMethod: 'full_payment',
    defaultPaymentObject: 'commodity',
    defaultMeasurementUnit: 'шт',
    shippingPaymentObject: 'service',
    contactPreference: 'email',
  },
};

const body = {
  id: 'R-7',
  customer: { email: 'buyer@example.org' },
  items: [{ name: 'Кружка', price: 350, quantity: 1 }],
  total: 350,
};

describe('createPreviewService', () => {
  const service = createPreviewService({
    settings,
    apiVersion: 4,
    factory: createRequestFactory(),
    callbackUrl: 'https://kkm.example/kkm/callback/***',
    now: () => new Date('2026-03-14T09:40:05Z'),
  });

  it('when a refund is previewed, then the answer holds the operation and the exact body', () => {
    const result = service.preview('refund', body);

    expect(result).toMatchObject({ operation: 'sell_refund', apiVersion: 4, testCompany: true });
    expect(result.request).toMatchObject({
      timestamp: '14.03.2026 12:40:05',
      external_id: 'shop.refund.R-7',
      service: { callback_url: 'https://kkm.example/kkm/callback/***' },
      receipt: { total: 350, company: { inn: '5544332219' } },
    });
  });

  it('when the document has a date, then the timestamp is that date', () => {
    const dated = { ...body, createdAt: '2026-01-02T08:00:00+03:00' };

    expect(service.preview('invoice', dated).request).toMatchObject({
      timestamp: '02.01.2026 08:00:00',
    });
  });

  it('when a parse is given, then previews use it', () => {
    const strict = createPreviewService({
      settings,
      apiVersion: 4,
      factory: createRequestFactory(),
      parse: (kind, input) => {
        if (typeof input === 'object' && input && 'extra' in input) {
          throw new ValidationError('unknown', [
            { path: 'extra', message: 'is not a known field' },
          ]);
        }
        return parseDocument(kind, input);
      },
    });

    expect(() => strict.preview('invoice', { ...body, extra: 1 })).toThrow(ValidationError);
    expect(strict.preview('invoice', body).request).not.toHaveProperty('service');
  });
});
