import request from 'supertest';
import { createStatusHarness, type StatusHarness } from './status-harness';

const SECRET = 'cbsecret-ZZTOP-0123456789';
const ADMIN = { user: 'ops', password: 'masking-admin-password' };

function basicAuth(): string {
  return `Basic ${Buffer.from(`${ADMIN.user}:${ADMIN.password}`).toString('base64')}`;
}

describe('secret values in the ATOL request log', () => {
  let h: StatusHarness;

  beforeAll(async () => {
    h = await createStatusHarness({
      env: {
        CALLBACK_SECRET: SECRET,
        ADMIN_USER: ADMIN.user,
        ADMIN_PASSWORD: ADMIN.password,
        SCHEDULE_POLLER: 'off',
      },
    });
  });
  afterAll(() => h.close());

  it('when a receipt is sent, then the callback secret is masked in rows and pages', async () => {
    const id = await h.postInvoice('mask-1');
    await h.waitFor('done', async () => (await h.documentStatus(id)) === 'done');

    const rows = await h.db.knex('atol_requests').where({ document_id: id });
    const stored = JSON.stringify(rows.map((row: { request: unknown }) => row.request));
    expect(stored).toContain('/kkm/callback/[redacted]');
    expect(stored).not.toContain(SECRET);

    const page = await request(h.url)
      .get('/admin/atol-requests?document=mask-1')
      .set('Authorization', basicAuth());
    expect(page.status).toBe(200);
    expect(page.text).toContain('callback_url');
    expect(page.text).not.toContain(SECRET);
  });
});
