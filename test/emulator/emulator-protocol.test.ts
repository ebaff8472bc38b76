import { eventually, group, RunningEmulator, startEmulator } from './emulator-http';
import { changed, correctionBody, sellBody, testAccount } from './v4-bodies';

describe('ATOL emulator protocol (reference §1, §2, §5, §7.1, §12)', () => {
  let atol: RunningEmulator;

  beforeAll(async () => {
    atol = await startEmulator({
      processingDelayMs: 0,
      accounts: [
        testAccount,
        { ...testAccount, login: 'blocked-user', groupCode: 'blocked_1', blocked: true },
        { ...testAccount, login: 'other-user', password: 'other', groupCode: 'other_1' },
      ],
    });
  });
  afterAll(() => atol.close());

  describe('getToken', () => {
    it('when the test credentials are posted, then a token and a timestamp come back', async () => {
      const answer = await atol.call('POST', '/possystem/v4/getToken', {
        body: { login: testAccount.login, pass: testAccount.password, source: 'kkm-tests' },
      });

      expect(answer.status).toBe(200);
      expect(answer.body.error).toBeNull();
      expect(answer.body.token).toMatch(/^[0-9a-f]{32,128}$/);
      expect(answer.body.timestamp).toMatch(/^\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}:\d{2}$/);
    });

    it('when the GET form is used, then it issues a token too', async () => {
      const query = `login=${testAccount.login}&pass=${encodeURIComponent(testAccount.password)}`;
      const answer = await atol.call('GET', `/possystem/v4/getToken?${query}`);

      expect(answer.status).toBe(200);
      expect(typeof answer.body.token).toBe('string');
    });

    it.each([
      ['a wrong password', { login: testAccount.login, pass: 'wrong' }, 401, 12],
      ['a blocked user', { login: 'blocked-user', pass: testAccount.password }, 403, 14],
      ['a login with a space', { login: 'v4 online', pass: 'x' }, 400, 13],
      ['no password', { login: testAccount.login }, 400, 13],
    ])('when getToken gets %s, then it answers its error', async (_, body, status, code) => {
      const answer = await atol.call('POST', '/possystem/v4/getToken', { body });

      expect(answer.status).toBe(status);
      expect(answer.body.error).toMatchObject({ code, type: 'system' });
      expect(answer.body.error.error_id).toMatch(/^[0-9a-f-]{36}$/);
      expect(answer.body.token).toBeUndefined();
    });

    it('when a missing field is named, then error 13 says which', async () => {
      const answer = await atol.call('POST', '/possystem/v4/getToken', {
        body: { login: testAccount.login },
      });

      expect(answer.body.error.text).toContain('PropertyRequired: #/pass');
    });

    it('when a v4 account asks the v5 URL, then it answers 21', async () => {
      const answer = await atol.call('POST', '/possystem/v5/getToken', {
        body: { login: testAccount.login, pass: testAccount.password },
      });

      expect(answer.status).toBe(401);
      expect(answer.body.error.code).toBe(21);
    });

    it('when the body is not JSON, then 40; when it is not declared JSON, then 41', async () => {
      const bad = await atol.call('POST', '/possystem/v4/getToken', { raw: '{login' });
      const plain = await atol.call('POST', '/possystem/v4/getToken', {
        raw: '{}',
        contentType: 'text/plain',
      });

      expect([bad.status, bad.body.error.code]).toEqual([400, 40]);
      expect([plain.status, plain.body.error.code]).toEqual([415, 41]);
      expect(plain.body.error.text).toBe('Некорректный Content-Type: text/plain');
    });
  });

  describe('register: checks before the body, in ATOL order', () => {
    const sellPath = `/possystem/v4/${group}/sell`;

    it('when no token is sent, then 10', async () => {
      const answer = await atol.call('POST', sellPath, { body: sellBody() });

      expect([answer.status, answer.body.error.code]).toEqual([401, 10]);
    });

    it('when an unknown token is sent, then 10', async () => {
      const answer = await atol.call('POST', sellPath, { body: sellBody(), token: 'f00d' });

      expect(answer.body.error.code).toBe(10);
    });

    it('when the token outlives its configured lifetime, then 11', async () => {
      const short = await startEmulator({ tokenTtlMs: 100 });
      try {
        const token = await short.token();
        await new Promise((resolve) => setTimeout(resolve, 150));

        const answer = await short.call('POST', sellPath, { body: sellBody(), token });

        expect([answer.status, answer.body.error.code]).toEqual([401, 11]);
        expect(answer.body.error.text).toBe('Переданный токен не активен');
      } finally {
        await short.close();
      }
    });

    it('when the token goes in the query string, then it is accepted', async () => {
      const token = await atol.token();
      const answer = await atol.call('POST', `${sellPath}?token=${token}`, { body: sellBody() });

      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ error: null, status: 'wait' });
    });

    it("when the group is not the token's, then 20", async () => {
      const token = await atol.token();
      const answer = await atol.call('POST', '/possystem/v4/other_1/sell', {
        body: sellBody(),
        token,
      });

      expect([answer.status, answer.body.error.code]).toEqual([401, 20]);
    });

    it('when the URL says v5, then 21', async () => {
      const token = await atol.token();
      const answer = await atol.call('POST', `/possystem/v5/${group}/sell`, {
        body: sellBody(),
        token,
      });

      expect([answer.status, answer.body.error.code]).toEqual([401, 21]);
    });

    it('when the operation is unknown to v4, then 31 names it', async () => {
      const answer = await atol.register(sellBody(), 'sell_refund_correction');

      expect([answer.status, answer.body.error.code]).toEqual([400, 31]);
      expect(answer.body.error.text).toBe('Операция "sell_refund_correction" не поддерживается');
    });

    it('when the content type is not JSON, then 41', async () => {
      const token = await atol.token();
      const answer = await atol.call('POST', sellPath, {
        raw: JSON.stringify(sellBody()),
        contentType: 'application/x-www-form-urlencoded',
        token,
      });

      expect([answer.status, answer.body.error.code]).toEqual([415, 41]);
    });

    it('when the body is not JSON, then 40', async () => {
      const token = await atol.token();
      const answer = await atol.call('POST', sellPath, { raw: '{"receipt": ', token });

      expect([answer.status, answer.body.error.code]).toEqual([400, 40]);
    });
  });

  describe('register and report', () => {
    it('when a valid sale is registered, then it ends done with a fiscal payload', async () => {
      const body = sellBody();
      const registered = await atol.register(body);

      expect(registered.status).toBe(200);
      expect(registered.body).toMatchObject({ error: null, status: 'wait' });
      const uuid: string = registered.body.uuid;
      const report = await eventually(async () => {
        const answer = await atol.report(uuid);
        return answer.body.status === 'done' ? answer : undefined;
      });
      expect(report.status).toBe(200);
      expect(report.body).toMatchObject({
        uuid,
        error: null,
        group_code: group,
        external_id: body.external_id,
        callback_url: '',
        warnings: null,
      });
      const payload = report.body.payload;
      expect(payload).toMatchObject({
        total: 4140,
        fns_site: 'www.nalog.gov.ru',
        ofd_inn: '7709364346',
      });
      expect(payload.fn_number).toMatch(/^\d{16}$/);
      expect(payload.ecr_registration_number).toMatch(/^\d{16}$/);
      expect(payload.fiscal_document_attribute).toBeLessThan(2 ** 32);
      expect(payload.receipt_datetime).toMatch(/^\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}:00$/);
      const link = new URL(payload.ofd_receipt_url);
      expect(link.searchParams.get('fn')).toBe(payload.fn_number);
      expect(link.searchParams.get('i')).toBe(String(payload.fiscal_document_number));
      expect(link.searchParams.get('s')).toBe('4140.00');
      expect(link.searchParams.get('n')).toBe('1');
      expect(link.searchParams.get('t')).toMatch(/^\d{8}T\d{4}$/);
    });

    it('when two receipts are fiscalised, then the document numbers grow', async () => {
      const first = await atol.register(sellBody());
      const second = await atol.register(sellBody());
      const done = (uuid: string) =>
        eventually(async () => {
          const answer = await atol.report(uuid);
          return answer.body.status === 'done' ? answer.body.payload : undefined;
        });

      const [a, b] = [await done(first.body.uuid), await done(second.body.uuid)];

      expect(b.fiscal_document_number).toBeGreaterThan(a.fiscal_document_number);
      expect(b.shift_number).toBe(a.shift_number);
    });

    it('when a correction is registered, then its total is the sum of its payments', async () => {
      const registered = await atol.register(correctionBody(), 'sell_correction');

      const payload = await eventually(async () => {
        const answer = await atol.report(registered.body.uuid);
        return answer.body.payload ?? undefined;
      });
      expect(payload.total).toBe(1220);
    });

    it('when an external id comes again, then 33 gives the first uuid, unchecked', async () => {
      const body = sellBody();
      const first = await atol.register(body);
      const broken = changed(body, (copy) => delete copy.receipt);

      const again = await atol.register(broken);

      expect(again.status).toBe(400);
      expect(again.body).toMatchObject({ uuid: first.body.uuid, status: 'wait' });
      expect(again.body.error.code).toBe(33);
      expect(again.body.error.text).toBe(
        `В системе существует чек с external_id : ${body.external_id} и group_code: ${group}`,
      );
      expect(atol.emulator.snapshot(body.external_id).receipts[body.external_id]).toMatchObject({
        submissions: 2,
      });
    });

    it('when the uuid is unknown, then the report answers 30 with status fail', async () => {
      const answer = await atol.report('00000000-0000-4000-8000-000000000000');

      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ status: 'fail', error: { code: 30, type: 'system' } });
    });

    it('when the report asks through another group, then the uuid is unknown there', async () => {
      const registered = await atol.register(sellBody());
      const token = await atol.call('POST', '/possystem/v4/getToken', {
        body: { login: 'other-user', pass: 'other' },
      });

      const answer = await atol.call(
        'GET',
        `/possystem/v4/other_1/report/${registered.body.uuid}`,
        {
          token: token.body.token,
        },
      );

      expect(answer.body.error.code).toBe(30);
    });
  });

  describe('waiting documents', () => {
    let slow: RunningEmulator;
    beforeAll(async () => {
      slow = await startEmulator({ processingDelayMs: 60_000 });
    });
    afterAll(() => slow.close());

    it('when a document is still queued, then the report is 200 wait with error 34', async () => {
      const registered = await slow.register(sellBody());

      const answer = await slow.report(registered.body.uuid);

      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ status: 'wait', payload: null, error: { code: 34 } });
    });

    it('when waiting documents are processed on demand, then they are done at once', async () => {
      const registered = await slow.register(sellBody());

      const processed = await slow.call('POST', '/emulator/process');

      expect(processed.body.processed).toBeGreaterThanOrEqual(1);
      expect((await slow.report(registered.body.uuid)).body.status).toBe('done');
    });
  });
});
