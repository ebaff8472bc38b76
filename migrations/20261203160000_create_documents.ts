import type { Knex } from 'knex';

// A document is what the shop sent: an invoice (sell) or a refund (sell_refund).
// status: stored (kept, waiting for a manual send) → queued (an attempt is due or in flight)
//         → wait (registered at ATOL, result pending) → done | failed.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('documents', (t) => {
    t.bigIncrements('id');
    t.text('company_key').notNullable();
    t.text('kind').notNullable();
    t.text('shop_id').notNullable();
    t.text('order_id');
    t.text('invoice_id');
    t.jsonb('body').notNullable();
    t.text('body_hash').notNullable();
    t.jsonb('receipt');
    t.bigInteger('total_kopecks').notNullable();
    t.text('status').notNullable();
    t.timestamp('document_date', { useTz: true }).notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['company_key', 'kind', 'shop_id']);
    t.index(['company_key', 'created_at']);
    t.index(['company_key', 'status', 'created_at']);
    t.index(['company_key', 'order_id']);
  });
  await knex.raw(
    "ALTER TABLE documents ADD CONSTRAINT documents_kind_check CHECK (kind IN ('invoice', 'refund'))",
  );
  await knex.raw(
    'ALTER TABLE documents ADD CONSTRAINT documents_status_check ' +
      "CHECK (status IN ('stored', 'queued', 'wait', 'done', 'failed'))",
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('documents');
}
