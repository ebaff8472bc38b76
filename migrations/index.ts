import type { Knex } from 'knex';
import * as createDocuments from './20261203160000_create_documents';
import * as createAttempts from './20261203160100_create_attempts';
import * as createTransactions from './20261203160200_create_transactions';
import * as createEvents from './20261203160300_create_events';
import * as createAtolRequests from './20261203160400_create_atol_requests';
import * as createCallbacks from './20261203160500_create_callbacks';
import * as createReportRuns from './20261203160600_create_report_runs';
import * as createWebhookDeliveries from './20261203160700_create_webhook_deliveries';
import * as addReportIndexes from './20261203164500_add_report_indexes';

interface Migration {
  up(knex: Knex): Promise<void>;
  down(knex: Knex): Promise<void>;
}

/**
 * Every migration, oldest first. A static list instead of a folder scan, so the same migrations
 * run from src/ under jest and from dist/ in production. Add new ones at the end.
 */
const migrations: Array<[string, Migration]> = [
  ['20261203160000_create_documents', createDocuments],
  ['20261203160100_create_attempts', createAttempts],
  ['20261203160200_create_transactions', createTransactions],
  ['20261203160300_create_events', createEvents],
  ['20261203160400_create_atol_requests', createAtolRequests],
  ['20261203160500_create_callbacks', createCallbacks],
  ['20261203160600_create_report_runs', createReportRuns],
  ['20261203160700_create_webhook_deliveries', createWebhookDeliveries],
  ['20261203164500_add_report_indexes', addReportIndexes],
];

export const migrationSource: Knex.MigrationSource<[string, Migration]> = {
  getMigrations: () => Promise.resolve(migrations),
  getMigrationName: ([name]) => name,
  getMigration: ([, migration]) => Promise.resolve(migration),
};
