import type { Knex } from 'knex';
import type { FirstAttempt } from './document-ports';
import { attemptRecordOf, eventRecordOf, type DocumentHistory } from './document-history-store';

type Db = Knex | Knex.Transaction;
type Row = Record<string, unknown>;

/** A history entry written with the document. */
export interface AcceptedEvent {
  type: string;
  message: string;
  data?: unknown;
  actor?: string;
}

/** The documents row of an accepted document, in its column names. */
export type DocumentColumns = Record<string, unknown>;

/**
 * Accepting a document writes the document, its first history entries and (with auto-send on)
 * its first attempt with that attempt's own entry. It is one statement, so it commits or fails
 * as a whole without a transaction of several round trips: accepting is the service's busiest
 * path. A document already stored under the same key makes every part write nothing (the
 * unique key settles concurrent posts: the losers wait for the winner's commit).
 *
 * Events get ids in the order given (the ORDER BY feeds the insert); the first attempt's entry
 * comes last and gets the attempt's id in its data as `attemptId`.
 */
const ACCEPT_SQL = `
  WITH document AS (
    INSERT INTO documents (company_key, kind, shop_id, order_id, invoice_id, body, body_hash,
                           receipt, total_kopecks, status, document_date)
    VALUES (?, ?, ?, ?, ?, ?::jsonb, ?, ?::jsonb, ?, ?, ?)
    ON CONFLICT (company_key, kind, shop_id) DO NOTHING
    RETURNING *),
  attempt AS (
    INSERT INTO attempts (company_key, document_id, operation, external_id, generation,
                          api_version, status, request, next_try_at)
    SELECT document.company_key, document.id, plan.operation, plan.external_id,
           plan.generation, plan.api_version, 'new', plan.request,
           now() + make_interval(secs => plan.due_in_seconds)
    FROM document
    CROSS JOIN jsonb_to_recordset(?::jsonb) AS plan(operation text, external_id text,
      generation integer, api_version integer, request jsonb, due_in_seconds float8)
    RETURNING *),
  event AS (
    INSERT INTO events (company_key, document_id, type, message, data, actor)
    SELECT document.company_key, document.id, entry.type, entry.message,
           CASE WHEN entry.of_attempt
                THEN entry.data || jsonb_build_object('attemptId', attempt.id)
                ELSE entry.data END,
           entry.actor
    FROM document
    LEFT JOIN attempt ON true
    CROSS JOIN ROWS FROM (jsonb_to_recordset(?::jsonb)
      AS (type text, message text, data jsonb, actor text, of_attempt boolean))
      WITH ORDINALITY AS entry(type, message, data, actor, of_attempt, position)
    ORDER BY entry.position
    RETURNING *)
  SELECT document.*,
         (SELECT coalesce(json_agg(attempt.*), '[]') FROM attempt) AS new_attempts,
         (SELECT coalesce(json_agg(event.* ORDER BY event.id), '[]') FROM event) AS new_events
  FROM document`;

const TIME_COLUMNS = ['created_at', 'updated_at', 'next_try_at', 'locked_until'];

/** Rows that came back as JSON carry their times as text; the history mappers take Dates. */
function withDates(row: Row): Row {
  const copy = { ...row };
  for (const column of TIME_COLUMNS) {
    const value = copy[column];
    if (typeof value === 'string') copy[column] = new Date(value);
  }
  return copy;
}

function documentValues(columns: DocumentColumns): Knex.Value[] {
  const names = ['company_key', 'kind', 'shop_id', 'order_id', 'invoice_id', 'body', 'body_hash'];
  const rest = ['receipt', 'total_kopecks', 'status', 'document_date'];
  return [...names, ...rest].map((name) => (columns[name] ?? null) as Knex.Value);
}

function attemptValues(firstAttempt: FirstAttempt | undefined): string {
  if (!firstAttempt) return '[]';
  const { operation, externalId, generation, apiVersion, request, dueInSeconds } = firstAttempt;
  return JSON.stringify([
    {
      operation,
      external_id: externalId,
      generation,
      api_version: apiVersion,
      request,
      due_in_seconds: dueInSeconds,
    },
  ]);
}

function eventValues(events: AcceptedEvent[], firstAttempt: FirstAttempt | undefined): string {
  const entries: Row[] = events.map((event) => ({
    type: event.type,
    message: event.message,
    data: event.data ?? null,
    actor: event.actor ?? null,
    of_attempt: false,
  }));
  if (firstAttempt) entries.push({ ...firstAttempt.event, actor: null, of_attempt: true });
  return JSON.stringify(entries);
}

/**
 * Runs the accept statement: the document row as stored and its history, or undefined when a
 * document with the same company, kind and shop id exists.
 */
export async function runAcceptStatement(
  db: Db,
  document: DocumentColumns,
  events: AcceptedEvent[],
  firstAttempt: FirstAttempt | undefined,
): Promise<{ row: Row; history: DocumentHistory } | undefined> {
  const result = await db
    .raw<{ rows: Row[] }>(ACCEPT_SQL, [
      ...documentValues(document),
      attemptValues(firstAttempt),
      eventValues(events, firstAttempt),
    ])
    // A named statement: each connection parses and plans it once, not on every accept.
    .options({ name: 'kkm_accept_document' });
  const row = result.rows[0];
  if (!row) return undefined;
  const { new_attempts: attempts, new_events: newEvents, ...documentRow } = row;
  return {
    row: documentRow,
    history: {
      attempts: (attempts as Row[]).map((attempt) => attemptRecordOf(withDates(attempt))),
      transactions: [],
      events: (newEvents as Row[]).map((event) => eventRecordOf(withDates(event))),
    },
  };
}
