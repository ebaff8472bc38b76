import type { Database } from '../../src/db/database';
import type { FiscalConfig } from '../../src/fiscal/fiscal-context';
import {
  createFiscalFixture,
  fiscalConfig,
  openFiscalDatabase,
  type FiscalFixture,
} from './fiscal-fixture';

/**
 * Registers the hooks the fiscal service test files share: one database for the whole file,
 * closed after it, and before each test a fixture with empty tables and fresh fakes, built
 * with the `queue` overrides and handed to `onFixture`. Returns the file's database, for tests
 * that build a fixture of their own.
 */
export function useFiscalFixture(
  queue: Partial<FiscalConfig['queue']>,
  onFixture: (fixture: FiscalFixture) => void,
): () => Database {
  let db: Database | undefined;

  beforeAll(async () => {
    db = await openFiscalDatabase();
  });
  afterAll(() => db?.close());

  beforeEach(async () => {
    onFixture(await createFiscalFixture(database(), fiscalConfig(queue)));
  });

  function database(): Database {
    if (!db) throw new Error('the fiscal test database is opened in beforeAll');
    return db;
  }

  return database;
}
