import { errorText, ofdLink } from './document-sections';
import { receiptLines } from './receipt-lines';

describe('document page sections', () => {
  const payload = {
    fn_number: '9999078900004792',
    fiscal_document_attribute: 42,
    fiscal_document_number: 7,
  };

  it('when ATOL sends an OFD link, then it is used as it is', () => {
    const link = 'https://consumer.1-ofd.ru/v1?fn=1&fp=2&i=3';
    expect(ofdLink({ ...payload, ofd_receipt_url: link }, false)).toBe(link);
  });

  it('when the test company has no OFD link, then the test OFD viewer is linked', () => {
    expect(ofdLink(payload, true)).toBe(
      'https://consumer.1-ofd-test.ru/v1?fn=9999078900004792&fp=42&i=7',
    );
    expect(ofdLink(payload, false)).toBeUndefined();
  });

  it('when an ATOL error is stored, then it reads as type, code and text', () => {
    expect(errorText({ code: 16, type: 'driver', text: 'Нет связи' })).toBe('driver 16: Нет связи');
    expect(errorText({ reason: 'timeout after 30000 ms' })).toBe('timeout after 30000 ms');
    expect(errorText(null)).toBe('');
  });

  it('when a stored receipt is read, then its lines and payments come out and bad rows are skipped', () => {
    const line = {
      name: 'Чайник',
      priceKopecks: 199000,
      quantityThousandths: 2000,
      sumKopecks: 398000,
    };
    const view = receiptLines({
      lines: [{ ...line, vat: { type: 'vat22', sumKopecks: 71770 } }, { name: 'broken' }],
      payments: [{ type: 1, sumKopecks: 398000 }],
    });
    expect(view.lines).toEqual([
      { ...line, measurementUnit: null, vat: 'vat22', vatKopecks: 71770 },
    ]);
    expect(view.payments).toEqual([{ type: 1, sumKopecks: 398000 }]);
    expect(receiptLines(null)).toEqual({ lines: [], payments: [] });
  });
});
