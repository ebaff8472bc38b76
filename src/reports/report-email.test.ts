import { FakeReportStore } from './fake-report-store';
import { renderReportEmail } from './report-email';
import { namedPeriod } from './report-period';
import { createReportService } from './report-service';
import type { FailureRow } from './report-store';

const now = new Date('2026-12-04T00:07:00+03:00');
const period = namedPeriod('yesterday', now, 'Europe/Moscow');

function failure(overrides: Partial<FailureRow> = {}): FailureRow {
  return {
    id: 17,
    kind: 'invoice',
    shop_id: 'A-17',
    order_id: '1001',
    operation: 'sell',
    attempt_error: null,
    attempt_at: new Date('2026-12-03T20:00:00Z'),
    transaction_error: { code: 16, text: 'Нет бумаги', type: 'driver' },
    error_class: 'register',
    transaction_at: new Date('2026-12-03T20:05:00Z'),
    tries: 2,
    last_try_at: new Date('2026-12-03T20:00:00Z'),
    ...overrides,
  };
}

async function render(store: FakeReportStore) {
  const service = createReportService({
    store,
    companyKey: 'default',
    publicUrl: 'https://kkm.example.ru/',
  });
  return renderReportEmail(await service.buildReport(period, now));
}

describe('renderReportEmail', () => {
  it('when the period has documents, then the subject, text and HTML carry the figures', async () => {
    const store = new FakeReportStore({
      status: [
        { kind: 'invoice', status: 'done', count: 3, kopecks: 123456 },
        { kind: 'invoice', status: 'failed', count: 1, kopecks: 5000 },
        { kind: 'refund', status: 'queued', count: 2, kopecks: 700 },
      ],
      failures: [failure()],
    });

    const email = await render(store);

    expect(email.subject).toBe(
      '[kkm] Daily report 2026-12-03: 6 documents, 3 done, 1 failed, 2 not sent',
    );
    expect(email.text).toContain('1 234.56');
    expect(email.text).toContain('driver / register 16: Нет бумаги');
    expect(email.html).toContain('1 234.56');
    expect(email.html).toContain('href="https://kkm.example.ru/admin/documents/invoice/17"');
  });

  it('when shop text holds markup, then the HTML shows it escaped', async () => {
    const store = new FakeReportStore({
      status: [{ kind: 'invoice', status: 'failed', count: 1, kopecks: 1 }],
      failures: [failure({ shop_id: '<script>alert(1)</script>', order_id: '"><img src=x>' })],
    });

    const email = await render(store);

    expect(email.html).not.toContain('<script>alert(1)');
    expect(email.html).not.toContain('<img src=x>');
    expect(email.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('when the period is empty, then the e-mail says there is nothing to report', async () => {
    const email = await render(new FakeReportStore());

    expect(email.subject).toBe('[kkm] Daily report 2026-12-03: nothing to report');
    expect(email.text).toContain('Nothing to report');
    expect(email.html).toContain('Nothing to report');
    expect(email.html).not.toContain('Failures');
  });
});
