import type { Knex } from 'knex';
import { invoiceBody } from './bench-fixtures';
import { request } from './bench-http';
import { BENCH_API_KEY } from './bench-service';

/**
 * Posts one invoice through the shop API (the queue worker stopped) and returns its document
 * and first attempt: the template that bulk seeding copies, so every seeded row is exactly
 * what the service itself would have stored.
 */
export async function acceptTemplate(
  serviceUrl: string,
  knex: Knex,
  lines = 5,
): Promise<{ documentId: number; attemptId: number }> {
  const response = await request(`${serviceUrl}/api/v1/invoices`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${BENCH_API_KEY}` },
    body: JSON.stringify(invoiceBody('TEMPLATE-1', lines)),
  });
  if (response.status !== 201) {
    throw new Error(`The template invoice was refused: ${response.status} ${response.text}`);
  }
  const row: { document_id: number; id: number } | undefined = await knex('attempts')
    .join('documents', 'documents.id', 'attempts.document_id')
    .where('documents.shop_id', 'TEMPLATE-1')
    .first('attempts.id', 'attempts.document_id');
  if (!row) throw new Error('The template invoice has no attempt: is AUTO_SEND_INVOICES off?');
  return { documentId: row.document_id, attemptId: row.id };
}
