import type { Knex } from 'knex';

// ATOL callbacks as received. One that arrives before the register answer was recorded (no
// transaction with its uuid yet) stays unprocessed until the sender records the uuid.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('callbacks', (t) => {
    t.bigIncrements('id');
    t.text('company_key').notNullable();
    t.text('uuid').notNullable();
    t.text('external_id');
    t.text('status').notNullable();
    t.jsonb('body').notNullable();
    t.timestamp('received_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('processed_at', { useTz: true });
    t.index(['uuid']);
    t.index(['company_key', 'external_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('callbacks');
}
