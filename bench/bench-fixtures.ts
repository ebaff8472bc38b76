// The documents the benchmarks send: valid shop-API invoices with a given number of lines.

export interface InvoiceBody {
  id: string;
  orderId: string;
  createdAt: string;
  customer: { email: string };
  items: Array<{ sku: string; name: string; price: number; quantity: number; discount: number }>;
  shipping: { name: string; price: number };
  total: number;
}

/**
 * An invoice with `lines` item lines and shipping. Prices are whole rubles and some rows carry
 * a discount, so the engine does its usual work (VAT per line, the 2026 rate remap) but no
 * line needs splitting.
 */
export function invoiceBody(id: string, lines = 5): InvoiceBody {
  const items = Array.from({ length: lines }, (_, index) => {
    const number = index + 1;
    return {
      sku: `SKU-${number}`,
      name: `Товар номер ${number}: электрический чайник, 1,7 л`,
      price: 100 + number * 10,
      quantity: 1 + (number % 3),
      discount: number % 4 === 0 ? 10 : 0,
    };
  });
  const goods = items.reduce((sum, item) => sum + item.price * item.quantity - item.discount, 0);
  const shipping = { name: 'Доставка курьером', price: 300 };
  return {
    id,
    orderId: `order-${id}`,
    createdAt: '2026-12-03T10:15:00+03:00',
    customer: { email: 'buyer@example.org' },
    items,
    shipping,
    total: goods + shipping.price,
  };
}
