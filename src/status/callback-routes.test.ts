import request from 'supertest';
import { ValidationError } from '../errors/errors';
import { createApp } from '../http/app';
import { createSilentLogger } from '../logger/logger';
import { createCallbackRoutes, sameSecret, splitCallbackPath } from './callback-routes';

const SECRET = 'a-long-callback-secret';

function appWith(receive: (body: unknown) => Promise<{ id: number; uuid: string }>) {
  const mount = createCallbackRoutes({
    callbackPath: `/kkm/callback/${SECRET}`,
    service: { receive },
  });
  return createApp({
    config: { bodyLimitBytes: 1024 * 1024, atol: { sandbox: false } as never },
    logger: createSilentLogger(),
    routes: [mount],
    ready: async () => ({ ok: true, checks: {} }),
  });
}

const report = { uuid: 'u-1', status: 'done', error: null, payload: null };

describe('callback routes', () => {
  it('when ATOL posts a report to the right path, then it is received and answered 200', async () => {
    const bodies: unknown[] = [];
    const app = appWith(async (body) => {
      bodies.push(body);
      return { id: 7, uuid: 'u-1' };
    });

    const response = await request(app).post(`/kkm/callback/${SECRET}`).send(report);

    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'accepted', id: 7 });
    expect(bodies).toEqual([report]);
  });

  it('when the body comes as text/plain, then it is still read as JSON', async () => {
    const bodies: unknown[] = [];
    const app = appWith(async (body) => {
      bodies.push(body);
      return { id: 1, uuid: 'u-1' };
    });

    await request(app)
      .post(`/kkm/callback/${SECRET}`)
      .set('Content-Type', 'text/plain')
      .send(JSON.stringify(report))
      .expect(200);

    expect(bodies).toEqual([report]);
  });

  it('when the secret is wrong, then the answer is the same 404 as an unknown route', async () => {
    const app = appWith(async () => {
      throw new Error('must not be called');
    });

    const wrong = await request(app).post('/kkm/callback/guess').send(report);
    const unknown = await request(app).post('/kkm/other/guess').send(report);

    expect(wrong.status).toBe(404);
    expect(wrong.body.error.code).toBe(unknown.body.error.code);
    expect(Object.keys(wrong.body).sort()).toEqual(Object.keys(unknown.body).sort());
    expect(JSON.stringify(wrong.body)).not.toContain(SECRET);
  });

  it('when the body is not a report, then the answer is 400 with the fields', async () => {
    const app = appWith(async () => {
      throw new ValidationError('The ATOL report does not have the expected shape', [
        { path: 'uuid', message: 'Required' },
      ]);
    });

    const response = await request(app).post(`/kkm/callback/${SECRET}`).send({ hello: 1 });

    expect(response.status).toBe(400);
    expect(response.body.error.fields).toEqual([{ path: 'uuid', message: 'Required' }]);
  });

  it('when GET or HEAD comes with the right secret, then 200 and nothing is received', async () => {
    const app = appWith(async () => {
      throw new Error('must not be called');
    });

    await request(app).get(`/kkm/callback/${SECRET}`).expect(200);
    await request(app).head(`/kkm/callback/${SECRET}`).expect(200);
    await request(app).get('/kkm/callback/wrong').expect(404);
  });
});

describe('sameSecret and splitCallbackPath', () => {
  it('when values differ in length or content, then they are not the same', () => {
    expect(sameSecret('abc', 'abc')).toBe(true);
    expect(sameSecret('abc', 'abcd')).toBe(false);
    expect(sameSecret('abd', 'abc')).toBe(false);
  });

  it('when given the callback path, then the mount and the secret are split', () => {
    expect(splitCallbackPath('/kkm/callback/s3cret')).toEqual({
      mount: '/kkm/callback',
      secret: 's3cret',
    });
  });
});
