import {
  formatJson,
  formatKopecks,
  formatThousandths,
  formatTime,
  withQuery,
} from './admin-format';

describe('admin formatting', () => {
  it('when kopecks are formatted, then roubles get two decimals and grouped thousands', () => {
    expect(formatKopecks(0)).toBe('0.00');
    expect(formatKopecks(5)).toBe('0.05');
    expect(formatKopecks(123456789)).toBe('1\u202f234\u202f567.89');
    expect(formatKopecks(-1990)).toBe('−19.90');
  });

  it('when thousandths are formatted, then trailing zeros are dropped', () => {
    expect(formatThousandths(2000)).toBe('2');
    expect(formatThousandths(47800)).toBe('47.8');
    expect(formatThousandths(1)).toBe('0.001');
  });

  it('when a time is formatted, then it is the wall clock of the zone', () => {
    expect(formatTime(new Date('2026-01-14T21:30:05Z'), 'Europe/Moscow')).toBe(
      '2026-01-15 00:30:05',
    );
    expect(formatTime(null, 'Europe/Moscow')).toBe('');
  });

  it('when JSON is shown, then secrets and contacts are masked', () => {
    const text = formatJson({ token: 'abc', receipt: { client: { email: 'a@b.ru' } }, total: 1 });
    expect(text).not.toContain('abc');
    expect(text).not.toContain('a@b.ru');
    expect(text).toContain('"total": 1');
  });

  it('when a query is built, then empty values are left out and the rest encoded', () => {
    expect(withQuery('/admin/documents', { q: 'a&b', kind: '', page: 2, failed: false })).toBe(
      '/admin/documents?q=a%26b&page=2',
    );
    expect(withQuery('/admin/documents', {})).toBe('/admin/documents');
  });
});
