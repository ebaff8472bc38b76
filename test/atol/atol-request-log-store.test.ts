import { Writable } from 'node:stream';
import { createAtolClient } from '../../src/atol/atol-client';
import { createAtolRequestLogStore } from '../../src/atol/atol-request-log-store';
import type { Database } from '../../src/db/database';
import { createLogger } from '../../src/logger';
import { createTestDatabase } from '../helpers/test-database';
import { eventually, RunningEmulator, startEmulator } from '../emulator/emulator-http';
import { sellBody, testAccount } from '../emulator/v4-bodies';

describe('ATOL request log (atol_requests)', () => {
  let db: Database;
  let atol: RunningEmulator;
  let documentId: number;
  let logLines: string[];

  beforeAll(async () => {
    db = await createTestDatabase();
    atol = await startEmulator({ processingDelayMs: 0 });
    const [row] = await db.knex('documents').insert(
      {
        company_key: 'shop',
        kind: 'invoice',
        shop_id: 'S-1',
        body: JSON.stringify({}),
        body_hash: 'h',
        total_kopecks: 414000,
        status: 'queued',
        document_date: new Date(),
      },
      ['id'],
    );
    documentId = row.id;
  });
  afterAll(async () => {
    await atol.close();
    await db.close();
  });

  function client(password = testAccount.password) {
    logLines = [];
    const stream = new Writable({
      write(chunk, _encoding, done) {
        logLines.push(String(chunk));
        done();
      },
    });
    const store = createAtolRequestLogStore(db.knex);
    return createAtolClient({
      baseUrl: atol.url,
      apiVersion: 4,
      login: testAccount.login,
      password,
      groupCode: testAccount.groupCode,
      timeoutMs: 2000,
      logger: createLogger({ level: 'debug', format: 'json', stream }),
      companyKey: 'shop',
      onRequest: store.record,
    });
  }

  it('when a receipt is registered and polled, then every exchange is stored masked', async () => {
    const atolClient = client();
    const registered = await atolClient.register('sell', sellBody(), { documentId });
    const uuid = (registered as { uuid: string }).uuid;
    await eventually(async () =>
      (await atolClient.report(uuid, { documentId })).kind === 'done' ? true : undefined,
    );

    const rows = await createAtolRequestLogStore(db.knex).list();
    const forDocument = await createAtolRequestLogStore(db.knex).list({ documentId });
    const text = JSON.stringify(rows);

    expect(
      rows
        .map((row) => row.action)
        .reverse()
        .slice(0, 3),
    ).toEqual(['getToken', 'register', 'report']);
    expect(forDocument.every((row) => row.documentId === documentId)).toBe(true);
    expect(forDocument.length).toBeGreaterThanOrEqual(2);
    expect(text).not.toContain(testAccount.password);
    expect(text).not.toContain('buyer@example.org');
    const token = rows.find((row) => row.action === 'getToken');
    expect(token).toMatchObject({
      companyKey: 'shop',
      method: 'POST',
      httpStatus: 200,
      failed: false,
      request: { login: testAccount.login, pass: '[redacted]' },
      response: { token: '[redacted]', error: null },
    });
    const register = rows.find((row) => row.action === 'register');
    expect(register?.url).toBe(`${atol.url}/possystem/v4/${testAccount.groupCode}/sell`);
    expect(register?.request).toMatchObject({ receipt: { client: '[redacted]' } });
  });

  it('when a call fails, then its row is marked failed with the ATOL error', async () => {
    await client('wrong').register('sell', sellBody(), { documentId });

    const [row] = await createAtolRequestLogStore(db.knex).list({ limit: 1 });

    expect(row).toMatchObject({ action: 'getToken', httpStatus: 401, failed: true });
    expect(row?.error).toBe('system 12: Неверный логин или пароль');
  });

  it('when the client logs at debug, then the password and token never appear', async () => {
    const atolClient = client();
    await atolClient.register('sell', sellBody());
    const token = await atol.token();

    const text = logLines.join('\n');

    expect(logLines.some((line) => line.includes('ATOL request'))).toBe(true);
    expect(logLines.some((line) => line.includes('ATOL response'))).toBe(true);
    expect(text).not.toContain(testAccount.password);
    expect(text).not.toMatch(/"token":"[0-9a-f]{32,}"/);
    expect(token.length).toBeGreaterThan(0);
  });
});
