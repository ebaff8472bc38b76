import type { Knex } from 'knex';

// The report's figures are one GROUP BY over a period's documents. Carrying kind, status and
// total_kopecks in the index lets PostgreSQL answer it from the index alone, without visiting
// the table's rows. Stuck documents are found from their waiting transactions by age.
export async function up(knex: Knex): Promise<void> {
  await knex.raw(
    'CREATE INDEX documents_report_idx ON documents (company_key, created_at) ' +
      'INCLUDE (kind, status, total_kopecks)',
  );
  await knex.raw(
    'CREATE INDEX transactions_waiting_since_idx ON transactions (company_key, created_at) ' +
      "WHERE status = 'wait'",
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX transactions_waiting_since_idx');
  await knex.raw('DROP INDEX documents_report_idx');
}
