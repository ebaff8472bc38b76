import fc from 'fast-check';

// fast-check generators of shop documents for the property tests, with the facts the checks
// need (amounts in kopecks, quantities in thousandths) kept beside the JSON body.

export interface GeneratedRow {
  tag: string;
  name: string;
  price: number;
  quantity: number;
  discount: number;
  /** round_half_up(price × quantity) − discount; negative when the discount is too large. */
  amount: number;
  vat: string | undefined;
}

export interface GeneratedDocument {
  kind: 'invoice' | 'refund';
  body: Record<string, unknown>;
  items: GeneratedRow[];
  shipping: GeneratedRow | undefined;
  total: number;
  prepaid: number;
  createdAt: number;
  invoiceDate: number | undefined;
}

/** Every rate a shop may name, the withdrawn 18 % ones included. */
export const ALL_RATES =
  'none vat0 vat5 vat7 vat10 vat20 vat22 vat105 vat107 vat110 vat120 vat122 vat18 vat118'.split(
    ' ',
  );

/** Moscow midnights where rates change, as UTC instants. */
const BOUNDARIES = ['2019-01-01', '2025-01-01', '2026-01-01'].map((day) =>
  Date.parse(`${day}T00:00:00+03:00`),
);
const DAY = 86_400_000;

const instant = fc.oneof(
  fc
    .tuple(fc.constantFrom(...BOUNDARIES), fc.integer({ min: -2 * DAY, max: 2 * DAY }))
    .map(([boundary, offset]) => boundary + offset - (offset % 1000)),
  fc
    .integer({
      min: Date.parse('2017-01-01T00:00:00Z') / 1000,
      max: Date.parse('2027-12-31T00:00:00Z') / 1000,
    })
    .map((seconds) => seconds * 1000),
);

function isoWithOffset(time: number): string {
  return new Date(time + 3 * 3_600_000).toISOString().replace(/\.\d{3}Z$/, '+03:00');
}

/** Kopecks as a JSON number or as a decimal string, both with at most 2 decimals. */
export function moneyValue(kopecks: number, asString: boolean): number | string {
  const text = `${Math.floor(kopecks / 100)}.${String(kopecks % 100).padStart(2, '0')}`;
  return asString ? text : Number(text);
}

function quantityValue(thousandths: number): number {
  return Number(`${Math.floor(thousandths / 1000)}.${String(thousandths % 1000).padStart(3, '0')}`);
}

export function halfUpNumber(price: number, quantity: number): number {
  return Number((2n * BigInt(price) * BigInt(quantity) + 1000n) / 2000n);
}

export interface Limits {
  maxItems: number;
  maxPrice: number;
  maxWholeUnits: number;
  maxFractionalUnits: number;
  rates: string[];
  /** Rows may leave out `vat` (the configured default applies). */
  defaultVat: boolean;
  oversizedDiscounts: boolean;
}

export const WIDE: Limits = {
  maxItems: 100,
  maxPrice: 4_294_967_295,
  maxWholeUnits: 99_999,
  maxFractionalUnits: 99_999,
  rates: ALL_RATES,
  defaultVat: true,
  oversizedDiscounts: true,
};

const fractional = (max: number) => fc.integer({ min: 1, max }).map((q) => (q % 1000 ? q : q + 1));

const quantityArb = (limits: Limits) =>
  fc.oneof(
    { weight: 20, arbitrary: fc.integer({ min: 1, max: 12 }).map((n) => n * 1000) },
    {
      weight: 2,
      arbitrary: fc.integer({ min: 1, max: limits.maxWholeUnits }).map((n) => n * 1000),
    },
    { weight: 12, arbitrary: fractional(20_000) },
    { weight: 1, arbitrary: fractional(limits.maxFractionalUnits * 1000 + 998) },
  );

/** Prices, mostly ordinary; large prices go with small quantities, as in real shops. */
function priceFor(limits: Limits, quantity: number): fc.Arbitrary<number> {
  const ordinary = Math.max(1, Math.min(limits.maxPrice, 500_000, Math.floor(4e11 / quantity)));
  const large = Math.max(ordinary, Math.min(limits.maxPrice, Math.floor(5e12 / quantity)));
  return fc.oneof(
    { weight: 30, arbitrary: fc.integer({ min: 1, max: ordinary }) },
    { weight: 1, arbitrary: fc.integer({ min: 0, max: large }) },
  );
}

const nameArb = fc.oneof(
  { weight: 6, arbitrary: fc.string({ minLength: 1, maxLength: 20 }) },
  {
    weight: 1,
    arbitrary: fc.string({
      unit: fc.constantFrom('а', 'я', ' ', 'z', '😀', 'e\u0301', '👩‍👩‍👧'),
      minLength: 100,
      maxLength: 200,
    }),
  },
);

/** The local (Moscow) day of an instant; Moscow has kept UTC+3 since 2014. */
export function moscowDay(time: number): string {
  return new Date(time + 3 * 3_600_000).toISOString().slice(0, 10);
}

/**
 * The rate a row must go out with on a document of `day`, or undefined when it must be refused
 * (rule 9); `invoiceDay` for a refund whose invoice date is known.
 */
export function expectedRate(requested: string, day: string, invoiceDay?: string) {
  if (requested === 'vat18' || requested === 'vat118') return undefined;
  if (['vat5', 'vat7', 'vat105', 'vat107'].includes(requested) && day < '2025-01-01') {
    return undefined;
  }
  if (['vat22', 'vat122'].includes(requested) && day < '2026-01-01') return undefined;
  if (requested === 'vat20' || requested === 'vat120') {
    if (day < '2019-01-01') return undefined;
    const keeps = invoiceDay !== undefined && invoiceDay < '2026-01-01';
    if (day >= '2026-01-01' && !keeps) return requested === 'vat20' ? 'vat22' : 'vat122';
  }
  return requested;
}

/** Rates: mostly ones in force on `day`, sometimes any (to be refused), 18 % rarely. */
function rateArb(limits: Limits, day: string): fc.Arbitrary<string> {
  const usual = limits.rates.filter((rate) => rate !== 'vat18' && rate !== 'vat118');
  const inForce = usual.filter((rate) => expectedRate(rate, day) !== undefined);
  const withdrawn = limits.rates.filter((rate) => !usual.includes(rate));
  return fc.oneof(
    { weight: 40, arbitrary: fc.constantFrom(...inForce) },
    { weight: 4, arbitrary: fc.constantFrom(...usual) },
    { weight: withdrawn.length ? 1 : 0, arbitrary: fc.constantFrom(...limits.rates) },
  );
}

function rowArb(limits: Limits, day: string, tag: string, quantity: fc.Arbitrary<number>) {
  return fc
    .record({
      name: nameArb,
      quantityAndPrice: quantity.chain((q) => fc.tuple(fc.constant(q), priceFor(limits, q))),
      discountShare: fc.oneof(
        { weight: 25, arbitrary: fc.constant(0) },
        { weight: 20, arbitrary: fc.double({ min: 0, max: 1, noNaN: true }) },
        { weight: limits.oversizedDiscounts ? 1 : 0, arbitrary: fc.constant(1.5) },
      ),
      vat: limits.defaultVat
        ? fc.option(rateArb(limits, day), { nil: undefined, freq: 5 })
        : rateArb(limits, day),
    })
    .map(({ name, quantityAndPrice: [q, price], discountShare, vat }): GeneratedRow => {
      const gross = halfUpNumber(price, q);
      const discount = Math.min(Math.floor(gross * discountShare), 99_999_999_999);
      return { tag, name, price, quantity: q, discount, amount: gross - discount, vat };
    });
}

const customerArb = fc.oneof(
  { weight: 10, arbitrary: fc.constant({ email: 'buyer@example.org' }) },
  { weight: 3, arbitrary: fc.constant({ email: '', phone: '8 (900) 123-45-67' }) },
  { weight: 3, arbitrary: fc.constant({ email: 'buyer@example.org', phone: '+7 900 1234567' }) },
  { weight: 2, arbitrary: fc.constant({ phone: '9001234567' }) },
  { weight: 1, arbitrary: fc.constant({ email: 'not an address' }) },
  { weight: 1, arbitrary: fc.constant({}) },
);

const headArb = fc.record({
  kind: fc.constantFrom<'invoice' | 'refund'>('invoice', 'refund'),
  createdAt: instant,
  invoiceDate: fc.option(instant, { nil: undefined }),
});

/** Documents of any shape the schema accepts, and some it must refuse. */
export function documentArb(limits: Limits = WIDE): fc.Arbitrary<GeneratedDocument> {
  return headArb.chain((head) =>
    bodyArb(limits, moscowDay(head.createdAt)).map((g) => assemble({ ...head, ...g })),
  );
}

function bodyArb(limits: Limits, day: string) {
  const count = fc.oneof(
    { weight: 30, arbitrary: fc.integer({ min: 1, max: Math.min(8, limits.maxItems) }) },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: limits.maxItems }) },
  );
  const items = count.chain((count) =>
    fc.tuple(
      ...Array.from({ length: count }, (_, i) => rowArb(limits, day, `#${i}`, quantityArb(limits))),
    ),
  );
  const shippingLimits = { ...limits, maxPrice: 1_000_000 };
  const shipping = fc.option(rowArb(shippingLimits, day, 'S', fc.constant(1000)), { freq: 2 });
  return fc.record({
    items,
    shipping,
    difference: fc.oneof(
      { weight: 4, arbitrary: fc.constant(0) },
      { weight: 3, arbitrary: fc.double({ min: -1, max: 0, noNaN: true }) },
      { weight: 2, arbitrary: fc.double({ min: 0, max: 1, noNaN: true }) },
      { weight: 1, arbitrary: fc.record({ kopecks: fc.integer({ min: -500, max: 500 }) }) },
    ),
    prepaidShare: fc.oneof(
      { weight: 10, arbitrary: fc.constant(0) },
      { weight: 8, arbitrary: fc.double({ min: 0, max: 1, noNaN: true }) },
      { weight: 1, arbitrary: fc.constant(1.2) },
    ),
    customer: customerArb,
    strings: fc.boolean(),
  });
}

function assemble(g: {
  kind: 'invoice' | 'refund';
  items: GeneratedRow[];
  shipping: GeneratedRow | null;
  difference: number | { kopecks: number };
  prepaidShare: number;
  createdAt: number;
  invoiceDate: number | undefined;
  customer: Record<string, string>;
  strings: boolean;
}): GeneratedDocument {
  const shipping = g.shipping ?? undefined;
  const rows = [...g.items, ...(shipping ? [shipping] : [])];
  const rowsSum = rows.reduce((sum, row) => sum + Math.max(0, row.amount), 0);
  const difference =
    typeof g.difference === 'number' ? Math.round(rowsSum * g.difference) : g.difference.kopecks;
  const total = Math.max(0, Math.min(rowsSum + difference, 99_999_999_999));
  const prepaid = Math.floor(total * g.prepaidShare);
  const money = (kopecks: number) => moneyValue(kopecks, g.strings);
  const body: Record<string, unknown> = {
    id: `D-${g.createdAt}`,
    createdAt: isoWithOffset(g.createdAt),
    customer: g.customer,
    items: g.items.map((row) => ({
      name: `${row.tag} ${row.name}`,
      price: money(row.price),
      quantity: quantityValue(row.quantity),
      ...(row.discount ? { discount: money(row.discount) } : {}),
      ...(row.vat ? { vat: row.vat } : {}),
    })),
    ...(shipping
      ? {
          shipping: {
            name: 'S доставка',
            price: money(shipping.price),
            discount: money(shipping.discount),
            ...(shipping.vat ? { vat: shipping.vat } : {}),
          },
        }
      : {}),
    ...(prepaid ? { prepaid: money(prepaid) } : {}),
    total: money(total),
    ...(g.kind === 'refund' && g.invoiceDate !== undefined
      ? { invoiceId: 'D-1', invoiceDate: isoWithOffset(g.invoiceDate) }
      : {}),
  };
  return {
    kind: g.kind,
    body,
    items: g.items,
    shipping,
    total,
    prepaid,
    createdAt: g.createdAt,
    invoiceDate: g.kind === 'refund' ? g.invoiceDate : undefined,
  };
}
