import type { Database } from '../../src/db/database';
import { createPollStore } from '../../src/status/poll-store';
import { createTestDatabase } from '../helpers/test-database';

const COUNT = 60;

/** COUNT waiting transactions, due now, registered one second apart (oldest first). */
async function seed(db: Database): Promise<void> {
  const { knex } = db;
  for (let n = 0; n < COUNT; n += 1) {
    const [document] = await knex('documents')
      .insert({
        company_key: 'default',
        kind: 'invoice',
        shop_id: `claim-${n}`,
        body: '{}',
        body_hash: `h-${n}`,
        total_kopecks: 100,
        status: 'wait',
        document_date: new Date(),
      })
      .returning('id');
    const [attempt] = await knex('attempts')
      .insert({
        company_key: 'default',
        document_id: document.id,
        operation: 'sell',
        external_id: `claim-${n}`,
        api_version: 4,
        status: 'sent',
        request: '{}',
      })
      .returning('id');
    await knex('transactions').insert({
      company_key: 'default',
      document_id: document.id,
      attempt_id: attempt.id,
      uuid: `uuid-${String(n).padStart(3, '0')}`,
      external_id: `claim-${n}`,
      operation: 'sell',
      status: 'wait',
      created_at: knex.raw(`now() - make_interval(secs => ?)`, [COUNT - n]),
      next_poll_at: knex.raw(`now() - interval '1 second'`),
    });
  }
}

describe('claiming due transactions', () => {
  let db: Database;

  beforeAll(async () => {
    db = await createTestDatabase();
    await seed(db);
  });
  afterAll(() => db.close());

  it('when two instances claim at once, then each transaction goes to one of them, oldest first', async () => {
    const first = createPollStore(db.knex, 'default');
    const second = createPollStore(db.knex, 'default');

    const rounds = await Promise.all([
      first.claimDue(20, 60_000),
      second.claimDue(20, 60_000),
      first.claimDue(20, 60_000),
      second.claimDue(20, 60_000),
    ]);

    const claimed = rounds.flat().map((t) => t.uuid);
    expect(claimed).toHaveLength(COUNT);
    expect(new Set(claimed).size).toBe(COUNT);
    for (const round of rounds) {
      const uuids = round.map((t) => t.uuid);
      expect(uuids).toEqual([...uuids].sort());
    }
    expect(await first.claimDue(20, 60_000)).toEqual([]);
  });

  it('when claims are handed back, then they are due again', async () => {
    const store = createPollStore(db.knex, 'default');

    await store.release(['uuid-000', 'uuid-001']);

    const again = await store.claimDue(10, 60_000);
    expect(again.map((t) => t.uuid)).toEqual(['uuid-000', 'uuid-001']);
    expect(again[0]).toMatchObject({ polling: true, ageMs: expect.any(Number) });
    expect(again[0]!.ageMs).toBeGreaterThanOrEqual((COUNT - 1) * 1000);
  });

  it('when a poll is recorded, then it is counted and the next poll is set', async () => {
    const store = createPollStore(db.knex, 'default');

    await store.recordPoll('uuid-002', 30_000);

    const row = await db
      .knex('transactions')
      .select('polls', db.knex.raw('extract(epoch FROM (next_poll_at - now())) AS ahead'))
      .where({ uuid: 'uuid-002' })
      .first();
    expect(row.polls).toBe(1);
    expect(Number(row.ahead)).toBeGreaterThan(25);
    expect(Number(row.ahead)).toBeLessThanOrEqual(30);
  });

  it('when another company has waiting transactions, then they are not claimed', async () => {
    await db.knex('transactions').where({ uuid: 'uuid-003' }).update({
      company_key: 'other',
      next_poll_at: db.knex.fn.now(),
    });

    const claimed = await createPollStore(db.knex, 'default').claimDue(100, 60_000);

    expect(claimed.map((t) => t.uuid)).not.toContain('uuid-003');
  });
});
