import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createEventStore } from '../../src/fiscal/event-store';
import { createSilentLogger } from '../../src/logger';
import { createWebhookSender, type WebhookSender } from '../../src/webhook/webhook-sender';
import {
  DELIVERY_HEADER,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  verifySignature,
} from '../../src/webhook/webhook-signature';
import {
  api,
  createShopApiFixture,
  invoiceBody,
  type ShopApiFixture,
} from '../documents/shop-api-fixture';

interface Received {
  body: string;
  headers: http.IncomingHttpHeaders;
}

/** A shop endpoint that answers each request with the next status of `script` (then 200). */
function startReceiver(script: number[]) {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ body: Buffer.concat(chunks).toString('utf8'), headers: req.headers });
      res.statusCode = script.shift() ?? 200;
      res.end('ok');
    });
  });
  return new Promise<{
    url: string;
    received: Received[];
    script: number[];
    close(): Promise<void>;
  }>((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}/kkm-hook`,
        received,
        script,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}

const SECRET = 'shop-webhook-secret-42';

describe('shop webhook', () => {
  let fx: ShopApiFixture;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let sender: WebhookSender;

  beforeAll(async () => {
    receiver = await startReceiver([500, 503]);
    fx = await createShopApiFixture({
      SHOP_WEBHOOK_URL: receiver.url,
      SHOP_WEBHOOK_SECRET: SECRET,
    });
    sender = createWebhookSender({
      knex: fx.db.knex,
      store: fx.webhooks,
      events: createEventStore(fx.db.knex),
      target: fx.config.webhook!,
      logger: createSilentLogger(),
      retryScheduleSeconds: [0],
      maxTries: 3,
      timeoutMs: 2000,
    });
  });
  afterAll(async () => {
    await sender.stop();
    await fx.close();
    await receiver.close();
  });

  it('when a document is done, then a signed POST is retried until the shop takes it', async () => {
    await api(fx.app).post('/api/v1/invoices').send(invoiceBody('W-1')).expect(201);
    await fx.settle();

    expect(await sender.deliverDue()).toBe(1); // 500
    expect(await sender.deliverDue()).toBe(1); // 503
    expect(await sender.deliverDue()).toBe(1); // 200
    expect(await sender.deliverDue()).toBe(0);

    expect(receiver.received).toHaveLength(3);
    for (const { body, headers } of receiver.received) {
      expect(verifySignature(SECRET, body, headers[SIGNATURE_HEADER.toLowerCase()] as string)).toBe(
        true,
      );
      expect(JSON.parse(body).sentAt).toBe(headers[TIMESTAMP_HEADER.toLowerCase()]);
    }
    const deliveryIds = receiver.received.map((r) => r.headers[DELIVERY_HEADER.toLowerCase()]);
    expect(new Set(deliveryIds).size).toBe(1);
    const last = JSON.parse(receiver.received[2]!.body);
    expect(last).toMatchObject({
      event: 'document.done',
      try: 3,
      document: {
        kind: 'invoice',
        id: 'W-1',
        status: 'done',
        fiscal: { fnNumber: expect.any(String) },
      },
    });

    const got = await api(fx.app).get('/api/v1/invoices/W-1').expect(200);
    const hookEvents = got.body.events.filter((e: { type: string }) =>
      e.type.startsWith('webhook'),
    );
    expect(hookEvents.map((e: { type: string }) => e.type)).toEqual([
      'webhook_failed',
      'webhook_failed',
      'webhook_delivered',
    ]);
  });

  it('when a document fails and the shop never answers 2xx, then the delivery is given up', async () => {
    fx.emulator.addFaults([{ kind: 'fail', type: 'driver', code: 16, times: 1 }]);
    receiver.script.push(500, 500, 500);
    receiver.received.length = 0;
    await api(fx.app).post('/api/v1/invoices').send(invoiceBody('W-2')).expect(201);
    await fx.settle();
    expect((await api(fx.app).get('/api/v1/invoices/W-2')).body.status).toBe('failed');

    for (let i = 0; i < 4; i += 1) await sender.deliverDue();

    expect(receiver.received).toHaveLength(3);
    expect(JSON.parse(receiver.received[0]!.body)).toMatchObject({
      event: 'document.failed',
      document: { id: 'W-2', status: 'failed' },
    });
    const [delivery] = await fx.db.knex('webhook_deliveries').where({ event: 'document.failed' });
    expect(delivery).toMatchObject({ status: 'failed', tries: 3, response_status: 500 });
  });

  it('when the sender runs on its own, then due deliveries go out without being asked', async () => {
    receiver.received.length = 0;
    await api(fx.app).post('/api/v1/invoices').send(invoiceBody('W-3')).expect(201);
    await fx.settle();
    const running = createWebhookSender({
      knex: fx.db.knex,
      store: fx.webhooks,
      events: createEventStore(fx.db.knex),
      target: fx.config.webhook!,
      logger: createSilentLogger(),
      pollIntervalMs: 20,
    });

    running.start();
    const deadline = Date.now() + 5000;
    while (receiver.received.length === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await running.stop();

    expect(receiver.received).toHaveLength(1);
    expect(JSON.parse(receiver.received[0]!.body).document.id).toBe('W-3');
  });
});
