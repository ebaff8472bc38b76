import type { Knex } from 'knex';

// Notifications to the shop on `done` and `failed`, retried with backoff until delivered.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('webhook_deliveries', (t) => {
    t.bigIncrements('id');
    t.text('company_key').notNullable();
    t.bigInteger('document_id').notNullable().references('documents.id').onDelete('CASCADE');
    t.text('event').notNullable();
    t.jsonb('payload').notNullable();
    t.text('status').notNullable().defaultTo('new');
    t.integer('tries').notNullable().defaultTo(0);
    t.timestamp('next_try_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.integer('response_status');
    t.text('last_error');
    t.text('locked_by');
    t.timestamp('locked_until', { useTz: true });
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['document_id']);
  });
  await knex.raw(
    "CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (next_try_at) WHERE status = 'new'",
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('webhook_deliveries');
}
