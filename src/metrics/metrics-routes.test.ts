import express from 'express';
import request from 'supertest';
import { errorHandler, notFound } from '../http/error-handler';
import { requestContext } from '../http/request-context';
import { createSilentLogger } from '../logger/logger';
import { metricsExposure } from './metrics-exposure';
import { createMetricsRouter } from './metrics-routes';

const metrics = {
  contentType: 'text/plain; version=0.0.4; charset=utf-8',
  render: () => Promise.resolve('kkm_documents_accepted_total{kind="invoice"} 3\n'),
};

function appWith(token?: string) {
  const app = express();
  app.use(requestContext());
  app.use('/metrics', createMetricsRouter({ metrics, token }));
  app.use(notFound());
  app.use(errorHandler(createSilentLogger()));
  return app;
}

describe('metrics exposure', () => {
  it.each([
    [{}, { where: 'off' }],
    [{ token: 't' }, { where: 'app', token: 't' }],
    [{ port: 9464 }, { where: 'port', port: 9464 }],
    [
      { port: 9464, token: 't' },
      { where: 'port', port: 9464, token: 't' },
    ],
  ])('when the settings are %j, then it is served %j', (settings, expected) => {
    expect(metricsExposure(settings)).toEqual(expected);
  });
});

describe('metrics route', () => {
  it('when the token is sent, then the metrics come in the Prometheus text format', async () => {
    const response = await request(appWith('scrape-token'))
      .get('/metrics')
      .set('Authorization', 'Bearer scrape-token')
      .expect(200);

    expect(response.headers['content-type']).toBe(metrics.contentType);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.text).toContain('kkm_documents_accepted_total{kind="invoice"} 3');
  });

  it.each([
    ['no Authorization header', undefined],
    ['a wrong token', 'Bearer other-token'],
    ['a token of another length', 'Bearer scrape-token-and-more'],
    ['another scheme', 'Basic scrape-token'],
  ])('when it is asked with %s, then it is refused with 401', async (_case, header) => {
    const call = request(appWith('scrape-token')).get('/metrics');
    const response = await (header === undefined ? call : call.set('Authorization', header));

    expect(response.status).toBe(401);
    expect(response.headers['www-authenticate']).toBe('Bearer');
    expect(response.text).not.toContain('kkm_');
  });

  it('when no token is configured (separate port), then it answers without one', async () => {
    const response = await request(appWith()).get('/metrics').expect(200);

    expect(response.text).toContain('kkm_documents_accepted_total');
  });
});
