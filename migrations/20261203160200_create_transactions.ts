import type { Knex } from 'knex';

// A transaction is ATOL's record of a registered receipt, keyed by the uuid ATOL returned.
// status: wait → done (payload holds the fiscal data) | fail (error holds ATOL's error).
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('transactions', (t) => {
    t.bigIncrements('id');
    t.text('company_key').notNullable();
    t.bigInteger('document_id').notNullable().references('documents.id').onDelete('CASCADE');
    t.bigInteger('attempt_id').notNullable().references('attempts.id').onDelete('CASCADE');
    t.text('uuid').notNullable().unique();
    t.text('external_id').notNullable();
    t.text('operation').notNullable();
    t.text('status').notNullable().defaultTo('wait');
    t.jsonb('payload');
    t.jsonb('error');
    t.text('error_class');
    t.jsonb('report');
    t.text('result_source');
    t.integer('polls').notNullable().defaultTo(0);
    t.timestamp('next_poll_at', { useTz: true });
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('finished_at', { useTz: true });
    t.index(['document_id']);
    t.index(['company_key', 'external_id']);
    t.index(['company_key', 'created_at']);
  });
  await knex.raw(
    'ALTER TABLE transactions ADD CONSTRAINT transactions_status_check ' +
      "CHECK (status IN ('wait', 'done', 'fail'))",
  );
  await knex.raw(
    "CREATE INDEX transactions_waiting_idx ON transactions (next_poll_at) WHERE status = 'wait'",
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('transactions');
}
