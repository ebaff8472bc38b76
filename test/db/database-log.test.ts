import { PassThrough } from 'node:stream';
import { createDatabase } from '../../src/db/database';
import { createLogger } from '../../src/logger';
import { testDatabaseUrl } from '../helpers/test-database';

// knex reports some troubles itself (a connection that cannot be had, deprecations). They go
// through our logger, structured and masked, instead of knex's plain console lines.

describe('database log', () => {
  it('when knex reports something, then it is a line of our logger', async () => {
    const lines: Array<{ level: string; message: string; module?: string }> = [];
    const stream = new PassThrough();
    stream.on('data', (chunk: Buffer) => {
      for (const text of chunk.toString('utf8').split('\n')) if (text) lines.push(JSON.parse(text));
    });
    const logger = createLogger({ level: 'info', format: 'json', stream });
    const db = await createDatabase(
      testDatabaseUrl ? { url: testDatabaseUrl, logger } : { dataDir: 'memory://', logger },
    );
    try {
      const knexLogger = (db.knex.client as { logger: { warn(message: string): void } }).logger;
      knexLogger.warn('Acquire connection error: Error: aborted');
      await new Promise((resolve) => setImmediate(resolve));

      expect(lines).toContainEqual(
        expect.objectContaining({
          level: 'warn',
          module: 'db',
          message: 'knex: Acquire connection error: Error: aborted',
        }),
      );
    } finally {
      await db.close();
    }
  });
});
