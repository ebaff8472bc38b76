import type { Knex } from 'knex';

// An attempt is one external_id's life: committed as `sending` before the HTTP call so a crash
// can be recovered by resending the same external_id (ATOL answers 33 if it had registered it).
// status: new (due at next_try_at) → sending (claimed by locked_by until locked_until)
//         → sent (ATOL gave a uuid) | error (rejected for good or out of tries).
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('attempts', (t) => {
    t.bigIncrements('id');
    t.text('company_key').notNullable();
    t.bigInteger('document_id').notNullable().references('documents.id').onDelete('CASCADE');
    t.text('operation').notNullable();
    t.text('external_id').notNullable();
    t.integer('generation').notNullable().defaultTo(1);
    t.integer('api_version').notNullable();
    t.text('status').notNullable().defaultTo('new');
    t.jsonb('request').notNullable();
    t.jsonb('response');
    t.jsonb('error');
    t.integer('http_status');
    t.integer('duration_ms');
    t.integer('tries').notNullable().defaultTo(0);
    t.timestamp('next_try_at', { useTz: true });
    t.text('locked_by');
    t.timestamp('locked_until', { useTz: true });
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['company_key', 'external_id']);
    t.index(['document_id']);
  });
  await knex.raw(
    'ALTER TABLE attempts ADD CONSTRAINT attempts_status_check ' +
      "CHECK (status IN ('new', 'sending', 'sent', 'error'))",
  );
  // The queue's two claim queries: due new attempts, and stale sending ones.
  await knex.raw("CREATE INDEX attempts_due_idx ON attempts (next_try_at) WHERE status = 'new'");
  await knex.raw(
    "CREATE INDEX attempts_stale_idx ON attempts (locked_until) WHERE status = 'sending'",
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('attempts');
}
