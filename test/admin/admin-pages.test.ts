import request from 'supertest';
import type { Knex } from 'knex';
import { basicAuth, csrfTokenOf, insertDocument } from './admin-fixtures';
import { AdminTestApp, createAdminTestApp, postInvoice } from './admin-test-app';

/** The shop ids linked from a documents list page, in order. */
function listedIds(page: string): string[] {
  return [...page.matchAll(/<a href="\/admin\/documents\/\w+\/\d+">([^<]+)<\/a>/g)].map(
    (match) => match[1]!,
  );
}

describe('admin pages: lists, filters, paging and refusals', () => {
  let fixture: AdminTestApp;
  let knex: Knex;
  const get = (path: string) => request(fixture.app).get(path).set('Authorization', basicAuth());

  beforeAll(async () => {
    fixture = await createAdminTestApp();
    knex = fixture.db.knex;
  });

  afterAll(async () => {
    await fixture.close();
  });

  it('when the list is filtered by kind, status, search and dates, then only matches show', async () => {
    // 2026-01-14 21:30 UTC is already 00:30 on the 15th in Moscow; 20:30 UTC is still the 14th.
    await insertDocument(knex, { shopId: 'F-1', status: 'failed', orderId: 'O-7' });
    await insertDocument(knex, { shopId: 'F-2', status: 'done', kind: 'refund', orderId: 'O-7' });
    await insertDocument(knex, {
      shopId: 'F-3',
      status: 'failed',
      createdAt: new Date('2026-01-14T21:30:00Z'),
    });
    await insertDocument(knex, {
      shopId: 'F-4',
      status: 'failed',
      createdAt: new Date('2026-01-14T20:30:00Z'),
    });

    expect(listedIds((await get('/admin/documents?q=O-7')).text)).toEqual(['F-2', 'F-1']);
    expect(listedIds((await get('/admin/documents?q=F-1')).text)).toEqual(['F-1']);
    expect(listedIds((await get('/admin/documents?q=O-7&kind=refund')).text)).toEqual(['F-2']);
    const failedOn15th = await get('/admin/documents?status=failed&from=2026-01-15&to=2026-01-15');
    expect(listedIds(failedOn15th.text)).toEqual(['F-3']);
    const failedOn14th = await get('/admin/documents?status=failed&from=2026-01-14&to=2026-01-14');
    expect(listedIds(failedOn14th.text)).toEqual(['F-4']);
  });

  it('when there are over 50 documents, then "Older" pages through them all', async () => {
    for (let index = 0; index < 55; index += 1) {
      await insertDocument(knex, {
        shopId: `P-${String(index).padStart(2, '0')}`,
        orderId: 'PAGED',
      });
    }
    const first = await get('/admin/documents?q=PAGED');
    expect(listedIds(first.text)).toHaveLength(50);
    expect(listedIds(first.text)[0]).toBe('P-54');

    const older = /<a href="([^"]+)">Older →<\/a>/.exec(first.text)?.[1]?.replace(/&amp;/g, '&');
    expect(older).toContain('q=PAGED');
    const second = await get(older!);
    expect(listedIds(second.text)).toEqual(['P-04', 'P-03', 'P-02', 'P-01', 'P-00']);
    expect(second.text).not.toContain('Older →');
  });

  it('when a filter is malformed, then the page answers 400 naming the field', async () => {
    const response = await get('/admin/documents?status=lost&from=yesterday');
    expect(response.status).toBe(400);
    expect(response.text).toContain('status:');
    expect(response.text).toContain('from:');
  });

  it('when a document is asked for under another kind or a wrong id, then 404', async () => {
    const id = await insertDocument(knex, { kind: 'invoice' });
    expect((await get(`/admin/documents/refund/${id}`)).status).toBe(404);
    expect((await get('/admin/documents/invoice/999999999')).status).toBe(404);
    expect((await get(`/admin/documents/invoice/${id}`)).status).toBe(200);
  });

  it('when the request log is filtered by document and errors, then it pages them', async () => {
    const id = await insertDocument(knex, { shopId: 'LOG-1' });
    const other = await insertDocument(knex, { shopId: 'LOG-2' });
    const row = (documentId: number, failed: boolean) => ({
      company_key: 'default',
      document_id: documentId,
      method: 'POST',
      url: 'http://atol.test/possystem/v4/group/sell',
      action: 'register',
      http_status: failed ? 500 : 200,
      duration_ms: 5,
      failed,
      error: failed ? 'HTTP 500' : null,
    });
    const rows = Array.from({ length: 60 }, (_, index) => row(id, index % 2 === 0));
    await knex('atol_requests').insert([...rows, row(other, true)]);

    const all = await get(`/admin/atol-requests?documentId=${id}`);
    expect(all.text).toContain('page 1 of 2 (60 rows)');
    const failed = await get(`/admin/atol-requests?documentId=${id}&failed=1`);
    expect(failed.text).toContain('page 1 of 1 (30 rows)');
    expect(failed.text).not.toContain('LOG-2');
    const byShopId = await get('/admin/atol-requests?document=LOG-2');
    expect(byShopId.text).toContain('(1 rows)');
    const second = await get(`/admin/atol-requests?documentId=${id}&page=2`);
    expect(second.text).toContain('page 2 of 2 (60 rows)');
    expect((second.text.match(/<tr>/g) ?? []).length).toBe(1 + 10);
  });

  it('when the fiscal core refuses an action, then the page says why', async () => {
    const id = await postInvoice(fixture, 'REFUSE-1');
    const page = await get(`/admin/documents/invoice/${id}`);
    const token = csrfTokenOf(page.text);
    const post = (action: string, form: Record<string, string>) =>
      request(fixture.app)
        .post(`/admin/documents/invoice/${id}/${action}`)
        .set('Authorization', basicAuth())
        .type('form')
        .send({ _csrf: token, ...form });

    const refresh = await post('refresh', {});
    expect(refresh.status).toBe(409);
    expect(refresh.text).toContain('notice refused');
    expect(refresh.text).toContain('has no receipt registered at ATOL yet');

    const newId = await post('send', { newId: '1' });
    expect(newId.status).toBe(409);
    expect(newId.text).toContain('A new external id is allowed only after ATOL failed');
    expect(await knex('attempts').where('document_id', id)).toHaveLength(0);
  });

  it('when each report period is opened, then failures link to their pages', async () => {
    const id = await insertDocument(knex, { shopId: 'REPORT-F', status: 'failed' });
    for (const period of ['today', 'yesterday', 'week']) {
      const response = await get(`/admin/reports?period=${period}`);
      expect(response.status).toBe(200);
      expect(response.text).toContain('By kind and status');
    }
    const today = await get('/admin/reports?period=today');
    expect(today.text).toContain(`href="/admin/documents/invoice/${id}"`);
    expect((await get('/admin/reports?period=month')).status).toBe(400);
  });
});
