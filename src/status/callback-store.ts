import type { Knex } from 'knex';
import type { AtolReport } from '../atol/atol-types';

export interface CallbackStore {
  /** Keeps a callback as received, unprocessed; returns its id. */
  insert(companyKey: string, report: AtolReport, body: unknown): Promise<number>;
}

/**
 * Writes the callbacks table. Every arrival is kept, duplicates too: the table is the record of
 * what ATOL sent. The fiscal core marks rows processed when it applies them.
 */
export function createCallbackStore(knex: Knex): CallbackStore {
  return {
    async insert(companyKey, report, body) {
      const rows: Array<{ id: number }> = await knex('callbacks')
        .insert({
          company_key: companyKey,
          uuid: report.uuid,
          external_id: report.external_id ?? null,
          status: report.status,
          // Stringified: node-postgres would send a top-level array as a SQL array.
          body: JSON.stringify(body),
        })
        .returning('id');
      return (rows[0] as { id: number }).id;
    },
  };
}
