import type { Knex } from 'knex';

// Bulk seeding with INSERT … SELECT generate_series: rows are made by the database itself, in
// chunks so that PGlite (one in-process session) never holds a million rows in one statement.
// Positional bindings only: knex would read `:name` inside `::jsonb` casts as a named one.

const CHUNK = 50_000;

async function inChunks(
  count: number,
  insert: (from: number, to: number) => Promise<unknown>,
): Promise<void> {
  for (let from = 1; from <= count; from += CHUNK) {
    await insert(from, Math.min(count, from + CHUNK - 1));
  }
}

const queuedCopiesSql = `
  WITH docs AS (
    INSERT INTO documents (company_key, kind, shop_id, order_id, body, body_hash, receipt,
                           total_kopecks, status, document_date)
    SELECT t.company_key, t.kind, ? || g, t.order_id, t.body, t.body_hash || g,
           t.receipt, t.total_kopecks, 'queued', t.document_date
    FROM documents t, generate_series(?::int, ?::int) g
    WHERE t.id = ?
    RETURNING id, shop_id)
  INSERT INTO attempts (company_key, document_id, operation, external_id, generation,
                        api_version, status, request, next_try_at)
  SELECT a.company_key, d.id, a.operation, a.external_id || '-' || d.shop_id, 1,
         a.api_version, 'new',
         jsonb_set(a.request, '{external_id}', to_jsonb(a.external_id || '-' || d.shop_id)),
         now()
  FROM docs d, attempts a
  WHERE a.id = ?`;

/**
 * Copies a real queued document (accepted through the API, its first attempt not sent yet)
 * `count` times: each copy gets its own shop id and external id, and an attempt due now with
 * the template's exact ATOL body under that external id.
 */
export async function seedQueuedCopies(
  knex: Knex,
  template: { documentId: number; attemptId: number },
  count: number,
  prefix: string,
): Promise<void> {
  await inChunks(count, (from, to) =>
    knex.raw(queuedCopiesSql, [prefix, from, to, template.documentId, template.attemptId]),
  );
}

const reportRowsSql = `
  WITH docs AS (
    INSERT INTO documents (company_key, kind, shop_id, body, body_hash, total_kopecks,
                           status, document_date, created_at, updated_at)
    SELECT s.company_key, CASE WHEN g % 10 = 0 THEN 'refund' ELSE 'invoice' END,
           'R-' || g, '{}'::jsonb, md5(g::text), 1000 + (g % 500) * 100,
           CASE WHEN g % 100 = 7 THEN 'failed' WHEN g % 1000 = 3 THEN 'wait' ELSE 'done' END,
           at, at, at
    FROM (SELECT ?::text AS company_key, g,
                 ?::timestamptz + make_interval(secs => (g - 1) * ?::float8) AS at
          FROM generate_series(?::int, ?::int) g) s
    RETURNING id, company_key, kind, status, created_at),
  atts AS (
    INSERT INTO attempts (company_key, document_id, operation, external_id, api_version,
                          status, request, tries, created_at, updated_at)
    SELECT company_key, id, CASE kind WHEN 'invoice' THEN 'sell' ELSE 'sell_refund' END,
           'R-' || id, 4, 'sent', '{}'::jsonb, 1, created_at, created_at
    FROM docs
    RETURNING id, document_id, operation, external_id)
  INSERT INTO transactions (company_key, document_id, attempt_id, uuid, external_id,
                            operation, status, error, error_class, created_at, updated_at,
                            finished_at)
  SELECT d.company_key, d.id, a.id, md5('uuid' || d.id::text), a.external_id, a.operation,
         CASE d.status WHEN 'done' THEN 'done' WHEN 'failed' THEN 'fail' ELSE 'wait' END,
         CASE WHEN d.status = 'failed'
              THEN '{"code": 14, "text": "Ошибка ККТ", "type": "driver"}'::jsonb END,
         CASE WHEN d.status = 'failed' THEN 'register' END,
         d.created_at, d.created_at,
         CASE WHEN d.status = 'wait' THEN NULL ELSE d.created_at END
  FROM docs d JOIN atts a ON a.document_id = d.id`;

/**
 * `count` documents over the `days` days before `end`, each with its attempt and transaction:
 * 1 % failed, 0.1 % still waiting at ATOL, the rest done; one in ten is a refund.
 */
export async function seedReportRows(
  knex: Knex,
  options: { companyKey: string; count: number; end: Date; days: number },
): Promise<void> {
  const spanSeconds = options.days * 86_400;
  const step = spanSeconds / options.count;
  const start = new Date(options.end.getTime() - spanSeconds * 1000);
  await inChunks(options.count, (from, to) =>
    knex.raw(reportRowsSql, [options.companyKey, start, step, from, to]),
  );
  // As autovacuum would: fresh statistics, and a visibility map for index-only scans.
  await knex.raw('VACUUM ANALYZE documents, attempts, transactions');
}

const waitingCopiesSql = `
  WITH input AS (
    SELECT ord::int AS g, uuid FROM unnest(?::text[]) WITH ORDINALITY AS u(uuid, ord)),
  docs AS (
    INSERT INTO documents (company_key, kind, shop_id, order_id, body, body_hash, receipt,
                           total_kopecks, status, document_date)
    SELECT t.company_key, t.kind, ? || i.g, t.order_id, t.body, t.body_hash || i.g,
           t.receipt, t.total_kopecks, 'wait', t.document_date
    FROM documents t, input i
    WHERE t.id = ?
    RETURNING id, shop_id),
  atts AS (
    INSERT INTO attempts (company_key, document_id, operation, external_id, generation,
                          api_version, status, request, tries)
    SELECT a.company_key, d.id, a.operation, a.external_id || '-' || d.shop_id, 1,
           a.api_version, 'sent',
           jsonb_set(a.request, '{external_id}', to_jsonb(a.external_id || '-' || d.shop_id)), 1
    FROM docs d, attempts a
    WHERE a.id = ?
    RETURNING id, company_key, document_id, operation, external_id)
  INSERT INTO transactions (company_key, document_id, attempt_id, uuid, external_id, operation,
                            status, next_poll_at)
  SELECT t.company_key, t.document_id, t.id, i.uuid, t.external_id, t.operation, 'wait', now()
  FROM atts t
  JOIN docs d ON d.id = t.document_id
  JOIN input i ON d.shop_id = ? || i.g`;

/**
 * Copies of a queued template as registered at ATOL and waiting for their result: one per
 * uuid, the n-th (from 1) with shop id `prefix + n` and the external id the caller registered
 * it under (the template's external id, `-`, the shop id). Each transaction is due for a poll.
 */
export async function seedWaitingCopies(
  knex: Knex,
  template: { documentId: number; attemptId: number },
  uuids: readonly string[],
  prefix: string,
): Promise<void> {
  await knex.raw(waitingCopiesSql, [
    [...uuids],
    prefix,
    template.documentId,
    template.attemptId,
    prefix,
  ]);
}
