import { PassThrough } from 'node:stream';
import { createLogger } from './logger';
import { runWithLogContext } from './log-context';
import { MASK, redact } from './redact';

function captureLogger(secrets: string[] = []) {
  const stream = new PassThrough();
  const lines: Array<Record<string, unknown>> = [];
  stream.on('data', (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line));
  });
  const logger = createLogger({ level: 'debug', format: 'json', secrets, stream });
  return { logger, lines };
}

describe('redact', () => {
  it('when a value holds secrets and customer contacts, then every one is masked', () => {
    const value = {
      password: 'hunter2',
      login: 'shop-login',
      headers: { Authorization: 'Bearer abc.def', 'x-api-key': 'k-123', accept: 'json' },
      atol: { token: 'tok-1', api_key: 'k-2', callbackSecret: 'cb-3' },
      receipt: { client: { email: 'buyer@example.org', phone: '+79000000000' }, total: 10 },
      customer: { email: 'buyer@example.org', phone: '+79000000000' },
      items: [{ name: 'Чайник', price: 1990 }],
    };

    const masked = redact(value);

    expect(masked).toEqual({
      password: MASK,
      login: 'shop-login',
      headers: { Authorization: MASK, 'x-api-key': MASK, accept: 'json' },
      atol: { token: MASK, api_key: MASK, callbackSecret: MASK },
      receipt: { client: MASK, total: 10 },
      customer: { email: MASK, phone: MASK },
      items: [{ name: 'Чайник', price: 1990 }],
    });
    expect(value.password).toBe('hunter2');
  });

  it('when text holds a bearer token, a URL password, an e-mail or a known secret, then they are masked', () => {
    const text =
      'POST /kkm/callback/s3cret-path-value auth=Bearer abc.def ' +
      'db=postgres://kkm:pw@db:5432/kkm mail to buyer@example.org';

    const masked = redact(text, { secrets: ['s3cret-path-value'] });

    expect(masked).toBe(
      `POST /kkm/callback/${MASK} auth=Bearer ${MASK} ` +
        `db=postgres://kkm:${MASK}@db:5432/kkm mail to ${MASK}`,
    );
  });

  it('when an error carries secrets in its message and fields, then they are masked', () => {
    const error = Object.assign(new Error('login failed for Bearer xyz'), { password: 'p' });

    const masked = redact({ error }) as unknown as { error: Record<string, unknown> };

    expect(masked.error.message).toBe(`login failed for Bearer ${MASK}`);
    expect(masked.error.password).toBe(MASK);
    expect(String(masked.error.stack)).not.toContain('xyz');
  });

  it('when a value refers to itself, then redaction still ends', () => {
    const value: Record<string, unknown> = { name: 'loop' };
    value.self = value;

    expect(() => redact(value)).not.toThrow();
  });
});

describe('logger', () => {
  it('when a line is logged with secrets, then the written JSON holds none of them', async () => {
    const { logger, lines } = captureLogger(['callback-secret-123']);
    const child = logger.child({ module: 'atol' });

    child.info('callback at /kkm/callback/callback-secret-123', {
      request: { headers: { authorization: 'Bearer t0ken' }, body: { password: 'p@ss' } },
      client: { email: 'buyer@example.org' },
      token: 'abc',
    });
    await new Promise((resolve) => setImmediate(resolve));

    const written = JSON.stringify(lines);
    for (const secret of ['callback-secret-123', 't0ken', 'p@ss', 'buyer@example.org', 'abc"']) {
      expect(written).not.toContain(secret);
    }
    expect(lines[0]).toMatchObject({ level: 'info', module: 'atol' });
  });

  it('when a line is logged inside a log context, then it carries the context fields', async () => {
    const { logger, lines } = captureLogger();

    runWithLogContext({ requestId: 'req-1' }, () => logger.info('inside'));
    logger.info('outside');
    await new Promise((resolve) => setImmediate(resolve));

    expect(lines[0]).toMatchObject({ message: 'inside', requestId: 'req-1' });
    expect(lines[1]).not.toHaveProperty('requestId');
  });
});
