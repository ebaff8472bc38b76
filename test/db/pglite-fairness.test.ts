import { createDatabase, type Database } from '../../src/db/database';

// The embedded database runs in our thread. A queue of statements must not keep the event loop
// from reading sockets until the whole queue is done: ATOL's callbacks and /health would wait.
// This is about PGlite only, so it opens one whatever DATABASE_URL says.

describe('embedded database and the event loop', () => {
  let db: Database;
  beforeAll(async () => {
    db = await createDatabase({ dataDir: 'memory://' });
  });
  afterAll(() => db.close());

  it('when many statements are queued, then the event loop gets its turn before they are done', async () => {
    let finished = 0;
    const queued = Array.from({ length: 300 }, () =>
      db.knex.raw('select 1').then(() => {
        finished += 1;
      }),
    );

    const finishedWhenTheLoopRan = await new Promise<number>((resolve) =>
      setImmediate(() => resolve(finished)),
    );
    await Promise.all(queued);

    expect(finished).toBe(300);
    expect(finishedWhenTheLoopRan).toBeLessThan(300);
  });
});
