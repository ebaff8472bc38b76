import fetch from 'node-fetch';
import { eventually, group, RunningEmulator, startEmulator } from './emulator-http';
import { sellBody } from './v4-bodies';

describe('emulator faults and state through /emulator (reference §12)', () => {
  let atol: RunningEmulator;

  beforeAll(async () => {
    atol = await startEmulator({ processingDelayMs: 0, queueTimeoutMs: 500 });
  });
  beforeEach(() => atol.emulator.reset());
  afterAll(() => atol.close());

  const addFaults = (...faults: unknown[]) =>
    atol.call('POST', '/emulator/faults', { body: { faults } });

  async function finalStatus(uuid: string): Promise<any> {
    return eventually(async () => {
      const answer = await atol.report(uuid);
      return answer.body.status === 'wait' ? undefined : answer.body;
    });
  }

  it('when a fault is posted, then it is listed with its count; DELETE clears it', async () => {
    const added = await addFaults({ kind: 'serviceError', code: 50, times: 2, on: ['report'] });

    const listed = await atol.call('GET', '/emulator/faults');
    await atol.call('DELETE', '/emulator/faults');
    const cleared = await atol.call('GET', '/emulator/faults');

    expect(added.status).toBe(201);
    expect(listed.body.faults).toEqual([
      expect.objectContaining({ remaining: 2, fault: expect.objectContaining({ code: 50 }) }),
    ]);
    expect(cleared.body.faults).toEqual([]);
  });

  it('when a fault is malformed, then it is refused with 400', async () => {
    const answer = await addFaults({ kind: 'explode' });

    expect(answer.status).toBe(400);
  });

  it('when latency is set, then answers take at least that long', async () => {
    await addFaults({ kind: 'latency', ms: 200, on: ['getToken'], times: 1 });
    const started = Date.now();

    const token = await atol.token();

    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect(typeof token).toBe('string');
  });

  it('when HTTP 500 is set, then an HTML 500 comes back', async () => {
    await addFaults({ kind: 'http500', times: 1 });

    const response = await fetch(`${atol.url}/possystem/v4/getToken?login=a&pass=b`);

    expect(response.status).toBe(500);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
  });

  it('when error 50 is set, then JSON code 50 comes with HTTP 500', async () => {
    await addFaults({ kind: 'serviceError', code: 50, times: 1, on: ['register'] });

    const answer = await atol.register(sellBody());

    expect([answer.status, answer.body.error.code]).toEqual([500, 50]);
  });

  it('when a drop is set, then the connection closes without an answer', async () => {
    await addFaults({ kind: 'drop', times: 1 });

    await expect(fetch(`${atol.url}/possystem/v4/getToken?login=a&pass=b`)).rejects.toThrow();
  });

  it('when a hang is set, then no answer comes until the caller gives up', async () => {
    await addFaults({ kind: 'hang', times: 1 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);

    const call = fetch(`${atol.url}/possystem/v4/getToken?login=a&pass=b`, {
      signal: controller.signal as never,
    });

    await expect(call).rejects.toThrow(/abort/i);
  });

  it('when tokens are expired through the endpoint, then the next call answers 11', async () => {
    const token = await atol.token();

    const expired = await atol.call('POST', '/emulator/tokens/expire');
    const answer = await atol.call('POST', `/possystem/v4/${group}/sell`, {
      body: sellBody(),
      token,
    });

    expect(expired.body.expired).toBeGreaterThanOrEqual(1);
    expect([answer.status, answer.body.error.code]).toEqual([401, 11]);
  });

  it('when a fail is set twice, then two documents fail and the third is done', async () => {
    await addFaults({ kind: 'fail', type: 'agent', code: 2005, times: 2 });

    const uuids = [];
    for (let n = 0; n < 3; n += 1) uuids.push((await atol.register(sellBody())).body.uuid);
    const reports = await Promise.all(uuids.map(finalStatus));

    expect(reports.map((report) => report.status)).toEqual(['fail', 'fail', 'done']);
    expect(reports[0].error).toMatchObject({ type: 'agent', code: 2005 });
  });

  it('when a fail is set always, then it lasts until cleared', async () => {
    await addFaults({ kind: 'fail', type: 'driver', code: 68 });

    const before = await atol.register(sellBody());
    await atol.call('DELETE', '/emulator/faults');
    const after = await atol.register(sellBody());

    expect((await finalStatus(before.body.uuid)).status).toBe('fail');
    expect((await finalStatus(after.body.uuid)).status).toBe('done');
  });

  it('when a fail targets one external id, then only that document fails', async () => {
    const target = sellBody();
    await addFaults({ kind: 'fail', type: 'driver', code: 66, externalId: target.external_id });

    const other = await atol.register(sellBody());
    const hit = await atol.register(target);

    expect((await finalStatus(other.body.uuid)).status).toBe('done');
    expect((await finalStatus(hit.body.uuid)).error.code).toBe(66);
  });

  it('when a queue timeout is set, then the document waits, then fails (timeout 1)', async () => {
    await addFaults({ kind: 'queueTimeout', times: 1 });
    const registered = await atol.register(sellBody());

    const early = await atol.report(registered.body.uuid);
    const final = await finalStatus(registered.body.uuid);

    expect(early.body.status).toBe('wait');
    expect(final.error).toMatchObject({
      type: 'timeout',
      code: 1,
      text: 'Превышено время ожидания чека в очереди',
    });
  });

  it('when a 34 window is set, then a processed document reports 34 until it ends', async () => {
    await addFaults({ kind: 'report34', windowMs: 1000, times: 1 });
    const registered = await atol.register(sellBody());
    await eventually(() =>
      atol.emulator.document(registered.body.uuid)?.status === 'done' ? true : undefined,
    );

    const inside = await atol.report(registered.body.uuid);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const after = await atol.report(registered.body.uuid);

    expect(inside.body).toMatchObject({ status: 'wait', payload: null, error: { code: 34 } });
    expect(after.body.status).toBe('done');
  });

  it('when the state is asked, then it counts receipts per external id', async () => {
    const body = sellBody();
    const first = await atol.register(body);
    await atol.register(body);
    await finalStatus(first.body.uuid);
    await atol.register(sellBody({ receipt: {} }));

    const state = await atol.call('GET', '/emulator/state');
    const one = await atol.call('GET', `/emulator/state?externalId=${body.external_id}`);

    expect(state.body.totals).toMatchObject({ accepted: 1, duplicates: 1, invalid: 1, done: 1 });
    expect(state.body.documents).toEqual({ wait: 0, done: 1, fail: 0 });
    expect(one.body.receipts).toEqual({
      [body.external_id]: {
        receipts: 1,
        submissions: 2,
        documents: [{ uuid: first.body.uuid, groupCode: 'v4-online-atol-ru_4179', status: 'done' }],
      },
    });
  });

  it('when the emulator is reset, then documents and counters are gone', async () => {
    const registered = await atol.register(sellBody());

    await atol.call('POST', '/emulator/reset');

    expect((await atol.report(registered.body.uuid)).body.error.code).toBe(30);
    expect((await atol.call('GET', '/emulator/state')).body.totals.accepted).toBe(0);
  });

  it('when a document is looked up, then its failing fields are shown', async () => {
    const registered = await atol.register(
      sellBody({ receipt: { ...sellBody().receipt, total: 5000 } }),
    );
    await finalStatus(registered.body.uuid);

    const answer = await atol.call('GET', `/emulator/documents/${registered.body.uuid}`);

    expect(answer.body).toMatchObject({ status: 'fail', failedFields: ['receipt.total'] });
  });
});
