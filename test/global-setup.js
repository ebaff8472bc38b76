// Runs once before the workers start: a run id makes test/helpers/test-database.ts rebuild the
// PostgreSQL template database once per run, so it always holds the current migrations.
module.exports = async () => {
  process.env.KKM_TEST_RUN_ID = `${Date.now()}-${process.pid}`;
};
