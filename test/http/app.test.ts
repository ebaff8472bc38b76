import { Router } from 'express';
import request from 'supertest';
import { z } from 'zod';
import { loadConfig } from '../../src/config';
import type { Database } from '../../src/db/database';
import { ConflictError } from '../../src/errors/errors';
import { checkDatabaseReady, createApp, requireApiKey, validateBody } from '../../src/http';
import { createSilentLogger } from '../../src/logger';
import { createTestDatabase } from '../helpers/test-database';

const itemSchema = z.object({ name: z.string().min(1), quantity: z.number().positive() });
const bodySchema = z.object({ id: z.string(), items: z.array(itemSchema).min(1) });

function exampleRouter(): Router {
  const router = Router();
  router.post(
    '/things',
    requireApiKey(['key-one', 'key-two']),
    validateBody(bodySchema),
    (req, res) => {
      res.status(201).json({ received: req.body });
    },
  );
  router.get('/conflict', () => {
    throw new ConflictError('Document 7 exists with another body');
  });
  router.get('/crash', async () => {
    throw new Error('relation "secret_table" does not exist at /srv/kkm/src/db.ts:12');
  });
  return router;
}

describe('the HTTP app', () => {
  let db: Database;
  let app: ReturnType<typeof createApp>;

  beforeAll(async () => {
    db = await createTestDatabase();
    const config = loadConfig({ BODY_LIMIT: '1kb' });
    app = createApp({
      config,
      logger: createSilentLogger(),
      routes: [{ path: '/api', router: exampleRouter() }],
      ready: () => checkDatabaseReady(db.knex),
    });
  });
  afterAll(() => db.close());

  it('when /health is asked, then it answers 200 with the version and sandbox flag', async () => {
    const response = await request(app).get('/health').expect(200);

    expect(response.body).toMatchObject({ status: 'ok', sandbox: true });
    expect(response.body.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('when the database is migrated, then /ready answers 200', async () => {
    const response = await request(app).get('/ready').expect(200);

    expect(response.body).toMatchObject({ ok: true, checks: { migrations: { ok: true } } });
  });

  it('when a route is unknown, then the answer is 404 in the error shape with a request id', async () => {
    const response = await request(app).get('/nowhere').expect(404);

    expect(response.body).toEqual({
      error: { code: 'not_found', message: 'No route for GET /nowhere' },
      requestId: expect.any(String),
    });
    expect(response.headers['x-request-id']).toBe(response.body.requestId);
  });

  it('when the caller sends X-Request-Id, then it is echoed', async () => {
    const response = await request(app).get('/health').set('X-Request-Id', 'abc-123');

    expect(response.headers['x-request-id']).toBe('abc-123');
  });

  it('when the body is over the limit, then the answer is 413 in the error shape', async () => {
    const response = await request(app)
      .post('/api/things')
      .set('Authorization', 'Bearer key-one')
      .send({ id: 'x'.repeat(2000), items: [] })
      .expect(413);

    expect(response.body.error.code).toBe('payload_too_large');
    expect(response.body.requestId).toEqual(expect.any(String));
  });

  it('when the JSON is malformed, then the answer is 400 without parser details', async () => {
    const response = await request(app)
      .post('/api/things')
      .set('Authorization', 'Bearer key-one')
      .set('Content-Type', 'application/json')
      .send('{"id": ')
      .expect(400);

    expect(response.body.error).toEqual({
      code: 'malformed_json',
      message: 'Request body is not valid JSON',
    });
  });

  it('when the API key is missing or wrong, then the answer is 401', async () => {
    await request(app).post('/api/things').send({}).expect(401);
    const response = await request(app)
      .post('/api/things')
      .set('Authorization', 'Bearer key-three')
      .send({})
      .expect(401);

    expect(response.body.error.code).toBe('unauthorized');
    expect(response.headers['www-authenticate']).toBe('Bearer');
  });

  it('when the body fails its schema, then 400 names every failing field by path', async () => {
    const response = await request(app)
      .post('/api/things')
      .set('Authorization', 'Bearer key-two')
      .send({
        items: [
          { name: 'ok', quantity: 1 },
          { name: '', quantity: -1 },
        ],
      })
      .expect(400);

    expect(response.body.error.code).toBe('validation_failed');
    const paths = response.body.error.fields.map((field: { path: string }) => field.path);
    expect(paths.sort()).toEqual(['id', 'items.1.name', 'items.1.quantity']);
  });

  it('when the body is valid, then the handler gets the parsed body', async () => {
    const body = { id: '1', items: [{ name: 'Чайник', quantity: 2 }], extra: true };

    const response = await request(app)
      .post('/api/things')
      .set('Authorization', 'Bearer key-two')
      .send(body)
      .expect(201);

    expect(response.body.received).toEqual({ id: '1', items: [{ name: 'Чайник', quantity: 2 }] });
  });

  it('when a route throws an AppError, then its status and code are answered', async () => {
    const response = await request(app).get('/api/conflict').expect(409);

    expect(response.body.error).toEqual({
      code: 'conflict',
      message: 'Document 7 exists with another body',
    });
  });

  it('when a route fails unexpectedly, then 500 hides the message and the stack', async () => {
    const response = await request(app).get('/api/crash').expect(500);

    expect(response.body.error).toEqual({
      code: 'internal_error',
      message: 'Internal server error',
    });
    expect(JSON.stringify(response.body)).not.toMatch(/secret_table|srv/);
  });

  it('when any answer is sent, then helmet headers are set', async () => {
    const response = await request(app).get('/health');

    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-powered-by']).toBeUndefined();
  });
});

describe('readiness', () => {
  it('when migrations are pending, then /ready answers 503 and names them', async () => {
    const db = await createTestDatabase({ migrate: false });
    try {
      const app = createApp({
        config: loadConfig({}),
        logger: createSilentLogger(),
        routes: [],
        ready: () => checkDatabaseReady(db.knex),
      });

      const response = await request(app).get('/ready').expect(503);

      expect(response.body.checks.migrations.message).toMatch(/pending/);
    } finally {
      await db.close();
    }
  });

  it('when the database is closed, then /ready answers 503', async () => {
    const db = await createTestDatabase();
    await db.close();
    const app = createApp({
      config: loadConfig({}),
      logger: createSilentLogger(),
      routes: [],
      ready: () => checkDatabaseReady(db.knex),
    });

    const response = await request(app).get('/ready').expect(503);

    expect(response.body.checks.database).toEqual({ ok: false, message: 'database unreachable' });
  });
});
