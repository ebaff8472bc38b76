import { CallbackReceiver, startCallbackReceiver } from './callback-receiver';
import { eventually, RunningEmulator, startEmulator } from './emulator-http';
import { sellBody } from './v4-bodies';

const settle = (ms = 150) => new Promise((resolve) => setTimeout(resolve, ms));

describe('emulator callbacks (reference §3.1, §6)', () => {
  let atol: RunningEmulator;
  let shop: CallbackReceiver;

  beforeAll(async () => {
    atol = await startEmulator({ processingDelayMs: 0 });
    shop = await startCallbackReceiver();
  });
  beforeEach(() => atol.emulator.reset());
  afterAll(async () => {
    await atol.close();
    await shop.close();
  });

  const withCallback = (url = shop.url) => sellBody({ service: { callback_url: url } });

  it('when a document is done, then its report body is POSTed once to callback_url', async () => {
    const registered = await atol.register(withCallback());
    const uuid: string = registered.body.uuid;

    const [callback] = await eventually(() => {
      const got = shop.forUuid(uuid);
      return got.length > 0 ? got : undefined;
    });
    await settle();

    expect(shop.forUuid(uuid)).toHaveLength(1);
    expect(callback?.contentType).toMatch(/^application\/json/);
    const report = await atol.report(uuid);
    const { timestamp: _a, ...sent } = callback!.body;
    const { timestamp: _b, ...polled } = report.body;
    expect(sent).toEqual({ ...polled, error: null });
    expect(sent).toMatchObject({ status: 'done', callback_url: shop.url, warnings: null });
  });

  it('when a document fails, then the fail is called back too', async () => {
    atol.emulator.addFaults([{ kind: 'fail', type: 'driver', code: 128, times: 1 }]);

    const registered = await atol.register(withCallback());

    const [callback] = await eventually(() => {
      const got = shop.forUuid(registered.body.uuid);
      return got.length > 0 ? got : undefined;
    });
    expect(callback?.body).toMatchObject({
      status: 'fail',
      payload: null,
      error: { type: 'driver', code: 128, text: 'Некорректная сумма налога' },
    });
  });

  it("when callback_url fails ATOL's mask, then a warning and no callback", async () => {
    const registered = await atol.register(withCallback('http://shop.example/cb~1'));
    await eventually(() => atol.emulator.snapshot().totals.callbacksSkipped || undefined);

    const report = await atol.report(registered.body.uuid);

    expect(report.body.status).toBe('done');
    expect(report.body.warnings).toEqual({ callback_url: 'callback_url не соответствует маске' });
    expect(atol.emulator.snapshot().totals.callbacksSkipped).toBe(1);
  });

  it("when a loopback URL has a port, then it matches ATOL's mask as it is", async () => {
    const registered = await atol.register(withCallback());

    expect((await atol.report(registered.body.uuid)).body.warnings).toBeNull();
  });

  it('when the callback goes to IPv6 loopback, then the relaxation allows it', async () => {
    const ipv6 = await startCallbackReceiver('::1');
    try {
      const registered = await atol.register(withCallback(ipv6.url));

      await eventually(() => (ipv6.received.length > 0 ? true : undefined));
      expect((await atol.report(registered.body.uuid)).body.warnings).toBeNull();
    } finally {
      await ipv6.close();
    }
  });

  it('when the relaxation is off, then the IPv6 loopback URL gets the warning', async () => {
    const strict = await startEmulator({ processingDelayMs: 0, allowLoopbackCallbacks: false });
    try {
      const registered = await strict.register(withCallback('http://[::1]:8080/cb'));

      expect((await strict.report(registered.body.uuid)).body.warnings).not.toBeNull();
    } finally {
      await strict.close();
    }
  });

  it('when the callback is lost, then nothing arrives but the report is final', async () => {
    atol.emulator.addFaults([{ kind: 'lostCallback', times: 1 }]);

    const registered = await atol.register(withCallback());
    await eventually(() => atol.emulator.snapshot().totals.callbacksSkipped || undefined);
    await settle();

    expect(shop.forUuid(registered.body.uuid)).toHaveLength(0);
    expect((await atol.report(registered.body.uuid)).body.status).toBe('done');
  });

  it('when callbacks are duplicated, then the body arrives that many times', async () => {
    atol.emulator.addFaults([{ kind: 'duplicateCallback', copies: 3, times: 1 }]);

    const registered = await atol.register(withCallback());

    const got = await eventually(() => {
      const all = shop.forUuid(registered.body.uuid);
      return all.length === 3 ? all : undefined;
    });
    expect(new Set(got.map((callback) => callback.body.uuid)).size).toBe(1);
    // The emulator counts a delivery when it has read the answer, which can come a moment after
    // the shop has the body; a count that never reaches 3 times out here.
    await eventually(() => atol.emulator.snapshot().totals.callbacksDelivered === 3 || undefined);
    await settle();
    expect(atol.emulator.snapshot().totals.callbacksDelivered).toBe(3);
  });

  it('when the callback is early, then it arrives before the register answer', async () => {
    atol.emulator.addFaults([{ kind: 'earlyCallback', times: 1 }]);

    const registered = await atol.register(withCallback());
    const answeredAt = Date.now();

    const [callback] = shop.forUuid(registered.body.uuid);
    expect(callback).toBeDefined();
    expect(callback!.receivedAt).toBeLessThanOrEqual(answeredAt);
    expect(callback!.body.status).toBe('done');
    expect(registered.body.status).toBe('wait');
  });

  it('when the shop does not answer, then the emulator gives up after its timeout', async () => {
    const quick = await startEmulator({ processingDelayMs: 0, callbackTimeoutMs: 100 });
    const silent = await import('node:http').then(({ createServer }) =>
      createServer(() => undefined).listen(0, '127.0.0.1'),
    );
    try {
      await new Promise((resolve) => silent.once('listening', resolve));
      const port = (silent.address() as { port: number }).port;

      await quick.register(withCallback(`http://127.0.0.1:${port}/cb`));

      await eventually(() =>
        quick.emulator.snapshot().totals.callbacksFailed === 1 ? 1 : undefined,
      );
    } finally {
      silent.closeAllConnections();
      silent.close();
      await quick.close();
    }
  });
});
