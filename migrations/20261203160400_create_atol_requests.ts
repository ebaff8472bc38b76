import type { Knex } from 'knex';

// Every call to ATOL, with the password and token masked before they are stored.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('atol_requests', (t) => {
    t.bigIncrements('id');
    t.text('company_key').notNullable();
    t.bigInteger('document_id').references('documents.id').onDelete('SET NULL');
    t.bigInteger('attempt_id').references('attempts.id').onDelete('SET NULL');
    t.text('method').notNullable();
    t.text('url').notNullable();
    t.text('action').notNullable();
    t.integer('http_status');
    t.integer('duration_ms').notNullable();
    t.jsonb('request');
    t.jsonb('response');
    t.text('error');
    t.boolean('failed').notNullable().defaultTo(false);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['company_key', 'created_at']);
    t.index(['document_id']);
  });
  await knex.raw(
    'CREATE INDEX atol_requests_failed_idx ON atol_requests (created_at) WHERE failed',
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('atol_requests');
}
