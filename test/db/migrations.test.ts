import { createTestDatabase } from '../helpers/test-database';

describe('migrations', () => {
  it('when run up, down and up again on an empty database, then every table exists', async () => {
    const db = await createTestDatabase({ migrate: false });
    try {
      await db.knex.migrate.latest();
      await db.knex.migrate.rollback(undefined, true);
      expect(await db.knex.schema.hasTable('documents')).toBe(false);
      await db.knex.migrate.latest();
      for (const table of ['documents', 'attempts', 'transactions', 'events', 'atol_requests']) {
        expect(await db.knex.schema.hasTable(table)).toBe(true);
      }
      const [, pending] = await db.knex.migrate.list();
      expect(pending).toHaveLength(0);
    } finally {
      await db.close();
    }
  });

  it('when a bigint is read, then both databases return a number', async () => {
    const db = await createTestDatabase();
    try {
      const result = await db.knex.raw('SELECT 4294967295::bigint AS big, now() AS at');
      expect(result.rows[0].big).toBe(4294967295);
      expect(result.rows[0].at).toBeInstanceOf(Date);
    } finally {
      await db.close();
    }
  });
});
