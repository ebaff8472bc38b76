import { localDate, resolveVat, vatPercent } from './vat-rates';

describe('resolveVat', () => {
  it('when 18 % is asked on any date, then it is refused', () => {
    expect(resolveVat('vat18', '2018-06-01')).toEqual({
      ok: false,
      reason: 'vat18 is no longer accepted since 2019',
    });
    expect(resolveVat('vat118', '2026-06-01').ok).toBe(false);
  });

  it('when 20 % is asked in 2025, then it stays 20 %', () => {
    expect(resolveVat('vat20', '2025-12-31')).toEqual({ ok: true, type: 'vat20', percent: 20 });
  });

  it('when 20 % is asked from 2026-01-01, then 22 % is sent and the change is marked', () => {
    expect(resolveVat('vat20', '2026-01-01')).toEqual({
      ok: true,
      type: 'vat22',
      percent: 22,
      remappedFrom: 'vat20',
    });
    expect(resolveVat('vat120', '2027-03-01')).toMatchObject({ type: 'vat122', percent: 22 });
  });

  it('when a rate is asked before it exists, then it is refused with its first day', () => {
    expect(resolveVat('vat22', '2025-12-31')).toEqual({
      ok: false,
      reason: 'vat22 is in force only from 2026-01-01',
    });
    expect(resolveVat('vat5', '2024-12-31').ok).toBe(false);
    expect(resolveVat('vat107', '2025-01-01')).toEqual({ ok: true, type: 'vat107', percent: 7 });
    expect(resolveVat('vat20', '2018-12-31').ok).toBe(false);
  });

  it("when a refund's invoice predates the change, then 20 % is kept", () => {
    expect(resolveVat('vat20', '2026-02-01', '2025-12-31')).toEqual({
      ok: true,
      type: 'vat20',
      percent: 20,
      kept: true,
    });
    expect(resolveVat('vat20', '2026-02-01', '2026-01-01')).toMatchObject({ type: 'vat22' });
    // the refund's own date still decides whether a rate exists at all
    expect(resolveVat('vat22', '2025-12-31', '2025-06-01').ok).toBe(false);
  });

  it('when a rate has no dates, then it is valid on any day', () => {
    for (const type of ['none', 'vat0', 'vat10', 'vat110'] as const) {
      expect(resolveVat(type, '2017-01-01')).toMatchObject({ ok: true, type });
    }
  });

  it('when a custom table is given, then its dates rule', () => {
    const table = [{ type: 'vat10' as const, percent: 10, until: '2030-01-01' }];
    expect(resolveVat('vat10', '2030-01-01', undefined, table)).toEqual({
      ok: false,
      reason: 'vat10 is gone since 2030-01-01',
    });
    expect(resolveVat('vat20', '2025-01-01', undefined, table).ok).toBe(false);
  });

  it('when the percent of a rate is asked, then calculated rates give the same number', () => {
    expect(vatPercent('vat122')).toBe(22);
    expect(vatPercent('vat105')).toBe(5);
    expect(vatPercent('none')).toBe(0);
  });
});

describe('localDate', () => {
  it("when it is 21:00 UTC on New Year's Eve, then it is already the new year in Moscow", () => {
    const instant = new Date('2025-12-31T21:00:00Z');

    expect(localDate(instant, 'Europe/Moscow')).toBe('2026-01-01');
    expect(localDate(instant, 'UTC')).toBe('2025-12-31');
    expect(localDate(instant, 'Asia/Vladivostok')).toBe('2026-01-01');
  });
});
