import type { Knex } from 'knex';

// A document's history, oldest first: accepted, sent, registered, done, failed, retried,
// manual action, VAT rate remapped, webhook delivered, …
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('events', (t) => {
    t.bigIncrements('id');
    t.text('company_key').notNullable();
    t.bigInteger('document_id').notNullable().references('documents.id').onDelete('CASCADE');
    t.text('type').notNullable();
    t.text('message').notNullable();
    t.jsonb('data');
    t.text('actor');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['document_id', 'id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('events');
}
