// Runs once after every test file: drops this run's PostgreSQL template database.
const knexFactory = require('knex');

module.exports = async () => {
  const url = process.env.DATABASE_URL;
  const runId = process.env.KKM_TEST_RUN_ID;
  if (!url || !runId) return;
  const name = `kkm_tpl_${runId.toLowerCase().replace(/[^a-z0-9]/g, '_')}`;
  const knex = knexFactory({ client: 'pg', connection: url, pool: { min: 0, max: 1 } });
  try {
    await knex.raw(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await knex.destroy();
  }
};
