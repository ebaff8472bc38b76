import type { Knex } from 'knex';

// One row per scheduled report and period: the unique key is what makes several instances send
// each period's email once.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('report_runs', (t) => {
    t.bigIncrements('id');
    t.text('company_key').notNullable();
    t.text('report').notNullable();
    t.timestamp('period_start', { useTz: true }).notNullable();
    t.timestamp('period_end', { useTz: true }).notNullable();
    t.text('status').notNullable();
    t.integer('tries').notNullable().defaultTo(0);
    t.text('error');
    t.text('locked_by');
    t.timestamp('locked_until', { useTz: true });
    t.timestamp('sent_at', { useTz: true });
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['company_key', 'report', 'period_start']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('report_runs');
}
