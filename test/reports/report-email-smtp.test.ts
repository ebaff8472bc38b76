import type { Database } from '../../src/db/database';
import { createMailer, createSmtpTransport, Mailer } from '../../src/mailer/mailer';
import { renderReportEmail } from '../../src/reports/report-email';
import { namedPeriod } from '../../src/reports/report-period';
import { createReportService } from '../../src/reports/report-service';
import { createReportStore } from '../../src/reports/report-store';
import { createTestDatabase } from '../helpers/test-database';
import { scenarioNow, seedBoundaryScenario, ScenarioIds } from './report-scenario';
import { SmtpReceiver, startSmtpReceiver } from './smtp-receiver';

describe('report e-mail through SMTP', () => {
  let db: Database;
  let ids: ScenarioIds;
  let receiver: SmtpReceiver;
  let mailer: Mailer;

  beforeAll(async () => {
    db = await createTestDatabase();
    ids = await seedBoundaryScenario(db.knex);
    receiver = await startSmtpReceiver();
    mailer = createMailer({
      transport: createSmtpTransport(receiver.url),
      from: 'kkm <kkm@shop.example.ru>',
    });
  });

  afterAll(async () => {
    mailer.close();
    await receiver.close();
    await db.close();
  });

  async function sendYesterday(companyKey: string) {
    const service = createReportService({
      store: createReportStore(db.knex),
      companyKey,
      publicUrl: 'https://kkm.example.ru',
    });
    const report = await service.buildReport(
      namedPeriod('yesterday', scenarioNow, 'Europe/Moscow'),
      scenarioNow,
    );
    const email = await renderReportEmail(report);
    await mailer.send({ to: ['staff@shop.example.ru', 'ops@shop.example.ru'], ...email });
    const received = receiver.messages[receiver.messages.length - 1];
    if (!received) throw new Error('nothing received');
    return received;
  }

  it('when the report is sent, then the receiver gets the subject, figures and failures', async () => {
    const mail = await sendYesterday('default');

    expect(mail.subject).toBe(
      '[kkm] Daily report 2026-12-03: 8 documents, 3 done, 2 failed, 1 waiting, 2 not sent, 2 stuck',
    );
    expect(mail.from?.value[0]?.address).toBe('kkm@shop.example.ru');
    const to = Array.isArray(mail.to) ? mail.to : [mail.to];
    expect(to.flatMap((address) => address?.value.map((item) => item.address))).toEqual([
      'staff@shop.example.ru',
      'ops@shop.example.ru',
    ]);
    const html = String(mail.html);
    for (const figure of ['1 234.57', '99.99', '500.00', '1 844.56', '370.00', '934.57']) {
      expect(html).toContain(figure);
    }
    expect(html).toContain(
      `href="https://kkm.example.ru/admin/documents/invoice/${ids.failedInvoice}"`,
    );
    expect(html).toContain(
      `href="https://kkm.example.ru/admin/documents/refund/${ids.failedRefund}"`,
    );
    expect(html).toContain('INV-&lt;b&gt;3&lt;/b&gt;');
    expect(html).toContain('Нет бумаги &lt;в ККТ&gt; &amp; &quot;ошибка&quot;');
  });

  it('when the report is sent, then the text part carries the same figures and failures', async () => {
    const mail = await sendYesterday('default');

    const text = mail.text ?? '';
    expect(text).toMatch(/^Invoices\s+2\s+1\s+1\s+1\s+5$/m);
    expect(text).toMatch(/^ {2}sum, RUB\s+1 234\.57\s+99\.99\s+500\.00\s+10\.00\s+1 844\.56$/m);
    expect(text).toMatch(/^Refunds\s+1\s+0\s+1\s+1\s+3$/m);
    expect(text).toMatch(/^ {2}sum, RUB\s+300\.00\s+0\.00\s+50\.00\s+20\.00\s+370\.00$/m);
    expect(text).toMatch(/^All documents\s+3\s+1\s+2\s+2\s+8$/m);
    expect(text).toContain('Net done (invoices minus refunds): 934.57 RUB');
    expect(text).toContain(
      `- invoice ${ids.failedInvoice} (shop id INV-<b>3</b>, order A-3, sell)`,
    );
    expect(text).toContain(
      '  driver / register 16: Нет бумаги <в ККТ> & "ошибка"; tries 2, last 2026-12-03 11:01',
    );
    expect(text).toContain(
      '  system 32: Ошибка валидации входного чека; tries 1, last 2026-12-03 18:00',
    );
    expect(text).toContain(`https://kkm.example.ru/admin/documents/refund/${ids.failedRefund}`);
    expect(text).toContain('Stuck in wait over 15 minutes, any day (2)');
  });

  it('when the period is empty, then a short "nothing to report" arrives', async () => {
    const mail = await sendYesterday('nobody');

    expect(mail.subject).toBe('[kkm] Daily report 2026-12-03: nothing to report');
    expect(mail.text).toContain('Nothing to report');
    expect(String(mail.html)).toContain('Nothing to report');
  });
});
