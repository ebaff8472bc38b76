import crypto from 'node:crypto';
import type { Knex } from 'knex';

export const ADMIN = { user: 'ops', password: 'correct horse battery staple' };
export const COMPANY_KEY = 'default';

/** `Authorization` header value for HTTP Basic. */
export function basicAuth(user = ADMIN.user, password = ADMIN.password): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

export interface DocumentRowInput {
  kind?: 'invoice' | 'refund';
  shopId?: string;
  orderId?: string | null;
  status?: string;
  itemName?: string;
  createdAt?: Date;
}

/** Inserts a document row directly, as the pipeline would have stored it. */
export async function insertDocument(knex: Knex, input: DocumentRowInput = {}): Promise<number> {
  const shopId = input.shopId ?? `D-${crypto.randomBytes(4).toString('hex')}`;
  const name = input.itemName ?? 'Электрический чайник';
  const body = { id: shopId, orderId: input.orderId, items: [{ name, price: 1990, quantity: 2 }] };
  const line = { source: 'items.0', name, priceKopecks: 199000, quantityThousandths: 2000 };
  const receipt = {
    lines: [{ ...line, sumKopecks: 398000, vat: { type: 'vat22', sumKopecks: 71770 } }],
    payments: [{ type: 1, sumKopecks: 398000 }],
    totalKopecks: 398000,
  };
  const [row] = await knex('documents')
    .insert({
      company_key: COMPANY_KEY,
      kind: input.kind ?? 'invoice',
      shop_id: shopId,
      order_id: input.orderId ?? null,
      body: JSON.stringify(body),
      body_hash: crypto.createHash('sha256').update(JSON.stringify(body)).digest('hex'),
      receipt: JSON.stringify(receipt),
      total_kopecks: 398000,
      status: input.status ?? 'stored',
      document_date: new Date(),
      ...(input.createdAt ? { created_at: input.createdAt } : {}),
    })
    .returning('id');
  return Number(row.id);
}

/** How many rows the tables that an action would change hold for a document. */
export async function footprint(knex: Knex, documentId: number): Promise<Record<string, unknown>> {
  const count = async (table: string): Promise<number> => {
    const [row] = await knex(table).where('document_id', documentId).count({ n: '*' });
    return Number(row?.n ?? 0);
  };
  const document = await knex('documents').where('id', documentId).first();
  return {
    status: document?.status,
    updatedAt: document?.updated_at?.toISOString(),
    attempts: await count('attempts'),
    events: await count('events'),
    transactions: await count('transactions'),
  };
}

/** The CSRF token of the first form on a page. */
export function csrfTokenOf(page: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(page);
  if (!match?.[1]) throw new Error('no CSRF token on the page');
  return match[1];
}
