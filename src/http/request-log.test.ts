import { PassThrough } from 'node:stream';
import { Router } from 'express';
import request from 'supertest';
import { loadConfig } from '../config/load-config';
import { secretValues } from '../config/mask-config';
import { createLogger } from '../logger/logger';
import { createApp } from './app';

function captureLogger(secrets: string[]) {
  const stream = new PassThrough();
  const lines: Array<Record<string, unknown>> = [];
  stream.on('data', (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line));
  });
  return { logger: createLogger({ level: 'debug', format: 'json', secrets, stream }), lines };
}

describe('request logging', () => {
  it('when a request is handled, then every log line carries its id and no body or secret', async () => {
    const { logger, lines } = captureLogger(['callback-secret-xyz']);
    const serviceLog = logger.child({ module: 'documents' });
    const router = Router();
    router.post('/callback-secret-xyz', (req, res) => {
      serviceLog.info('Document stored', { shopId: req.body.id });
      res.status(201).json({ ok: true });
    });
    const app = createApp({
      config: loadConfig({}),
      logger,
      routes: [{ path: '/kkm/callback', router }],
      ready: async () => ({ ok: true, checks: {} }),
    });

    const response = await request(app)
      .post('/kkm/callback/callback-secret-xyz')
      .set('Authorization', 'Bearer shop-key')
      .send({ id: 'doc-1', customer: { email: 'buyer@example.org' } })
      .expect(201);
    await new Promise((resolve) => setImmediate(resolve));

    const requestId = response.headers['x-request-id'];
    expect(lines.map((line) => [line.module, line.requestId])).toEqual([
      ['documents', requestId],
      ['http', requestId],
    ]);
    expect(lines[1]).toMatchObject({ method: 'POST', status: 201, durationMs: expect.any(Number) });
    const text = JSON.stringify(lines);
    for (const leak of ['callback-secret-xyz', 'buyer@example.org', 'shop-key']) {
      expect(text).not.toContain(leak);
    }
  });

  it('when the development callback secret is in use, then the access log masks it', async () => {
    const config = loadConfig({});
    const { logger, lines } = captureLogger(secretValues(config));
    const router = Router();
    router.post('/:secret', (_req, res) => {
      res.json({ ok: true });
    });
    const app = createApp({
      config,
      logger,
      routes: [{ path: '/kkm/callback', router }],
      ready: async () => ({ ok: true, checks: {} }),
    });

    await request(app).post(config.callbackPath).send({}).expect(200);
    await new Promise((resolve) => setImmediate(resolve));

    const text = JSON.stringify(lines);
    expect(text).toContain('/kkm/callback/[redacted]');
    expect(text).not.toContain(config.callbackSecret);
  });
});
