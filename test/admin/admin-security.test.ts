import request from 'supertest';
import type express from 'express';
import type { Knex } from 'knex';
import { basicAuth, csrfTokenOf, footprint, insertDocument } from './admin-fixtures';
import { AdminTestApp, createAdminTestApp, postInvoice } from './admin-test-app';

const PAGES = ['/admin/documents', '/admin/atol-requests', '/admin/reports?period=week'];

describe('admin pages: login, CSRF and escaping', () => {
  let fixture: AdminTestApp;
  let app: express.Express;
  let knex: Knex;

  beforeAll(async () => {
    fixture = await createAdminTestApp();
    app = fixture.app;
    knex = fixture.db.knex;
  });

  afterAll(async () => {
    await fixture.close();
  });

  it.each(PAGES)('when %s is asked for without a login, then it answers 401', async (page) => {
    const response = await request(app).get(page);
    expect(response.status).toBe(401);
    expect(response.headers['www-authenticate']).toMatch(/^Basic realm="kkm admin"/);
    expect(response.text).not.toContain('<table');
  });

  it('when the password or the user is wrong, then every page answers 401', async () => {
    for (const page of PAGES) {
      const wrongPassword = await request(app)
        .get(page)
        .set('Authorization', basicAuth('ops', 'guess'));
      expect(wrongPassword.status).toBe(401);
      const wrongUser = await request(app)
        .get(page)
        .set('Authorization', basicAuth('root', 'correct horse battery staple'));
      expect(wrongUser.status).toBe(401);
    }
  });

  it('when the login is right, then every page answers 200 with a strict CSP', async () => {
    for (const page of PAGES) {
      const response = await request(app).get(page).set('Authorization', basicAuth());
      expect(response.status).toBe(200);
      const csp = String(response.headers['content-security-policy']);
      expect(csp).toContain("default-src 'none'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).not.toContain('script-src');
      expect(response.headers['cache-control']).toBe('no-store');
    }
  });

  it('when a form has no CSRF token, then 403 and nothing changes', async () => {
    const id = await postInvoice(fixture, 'CSRF-1');
    const before = await footprint(knex, id);

    for (const action of ['send', 'refresh']) {
      const response = await request(app)
        .post(`/admin/documents/invoice/${id}/${action}`)
        .set('Authorization', basicAuth())
        .type('form')
        .send({ newId: '1' });
      expect(response.status).toBe(403);
    }

    expect(await footprint(knex, id)).toEqual(before);
  });

  it('when the CSRF token is forged or from another login, then it answers 403', async () => {
    const id = await postInvoice(fixture, 'CSRF-2');
    const page = await request(app)
      .get(`/admin/documents/invoice/${id}`)
      .set('Authorization', basicAuth());
    const token = csrfTokenOf(page.text);
    const [issuedAt] = token.split('.');
    const before = await footprint(knex, id);

    const mac = token.split('.')[1];
    const forged = [`${issuedAt}.${'A'.repeat(43)}`, 'x', `${Date.now()}.${mac}`];
    for (const bad of forged) {
      const response = await request(app)
        .post(`/admin/documents/invoice/${id}/send`)
        .set('Authorization', basicAuth())
        .type('form')
        .send({ _csrf: bad });
      expect(response.status).toBe(403);
    }
    // A token is bound to the login it was issued for: a wrong login is refused first (401).
    const otherLogin = await request(app)
      .post(`/admin/documents/invoice/${id}/send`)
      .set('Authorization', basicAuth('ops', 'wrong'))
      .type('form')
      .send({ _csrf: token });
    expect(otherLogin.status).toBe(401);

    expect(await footprint(knex, id)).toEqual(before);
  });

  it('when the form carries the token of its page, then the document is sent', async () => {
    const id = await postInvoice(fixture, 'CSRF-3');
    expect(await footprint(knex, id)).toMatchObject({ status: 'stored', attempts: 0 });
    const page = await request(app)
      .get(`/admin/documents/invoice/${id}`)
      .set('Authorization', basicAuth());

    const response = await request(app)
      .post(`/admin/documents/invoice/${id}/send`)
      .set('Authorization', basicAuth())
      .type('form')
      .send({ _csrf: csrfTokenOf(page.text) });

    expect(response.status).toBe(303);
    expect(response.headers.location).toBe(`/admin/documents/invoice/${id}?done=send`);
    expect(await footprint(knex, id)).toMatchObject({ status: 'queued', attempts: 1 });
    const event = await knex('events').where({ document_id: id, type: 'manual_send' }).first();
    expect(event.actor).toBe('admin:ops');
  });

  it('when stored data holds markup, then every page shows it as text', async () => {
    const hostile = '<script>alert(1)</script>';
    const posted = await postInvoice(fixture, 'HOSTILE-1', hostile);
    const id = await insertDocument(knex, { orderId: hostile, itemName: hostile });
    await knex('events').insert({
      company_key: 'default',
      document_id: id,
      type: 'note',
      message: `Rejected ${hostile}`,
      data: JSON.stringify({ text: hostile }),
    });
    await knex('atol_requests').insert({
      company_key: 'default',
      document_id: id,
      method: 'POST',
      url: `https://atol.example/${hostile}`,
      action: 'register',
      duration_ms: 12,
      error: hostile,
      failed: true,
      response: JSON.stringify({ error: { text: hostile } }),
    });

    const pages = [
      `/admin/documents/invoice/${posted}`,
      `/admin/documents/invoice/${id}`,
      '/admin/documents',
      `/admin/atol-requests?documentId=${id}`,
    ];
    for (const page of pages) {
      const response = await request(app).get(page).set('Authorization', basicAuth());
      expect(response.status).toBe(200);
      expect(response.text).not.toContain('<script');
      expect(response.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    }
  });

  it('when a search text holds markup, then it is echoed escaped in the filter form', async () => {
    const response = await request(app)
      .get('/admin/documents')
      .query({ q: '"><script>alert(1)</script>' })
      .set('Authorization', basicAuth());
    expect(response.status).toBe(200);
    expect(response.text).not.toContain('<script');
    expect(response.text).toContain('value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
  });
});
