import { allocateByLargestRemainder } from '../money/allocate';
import { fitsOneLine, minimumShare, oneLineNeighbours, priceStep } from './line-splitting';

// Spreading the difference between a document's rows and its `total` (shop-api.md rule 5): an
// order-level discount, bonus points or a credit-memo adjustment is shared over the item rows in
// proportion to their amounts, in whole kopecks. Shipping keeps its amount unless the items
// cannot carry the difference. Because ATOL needs sum = price × quantity on every line, a share
// that a row's quantity cannot carry at one price would cost a second line; so shares are moved
// to the nearest amount one price can give (less than 0.01 per unit away), and the kopecks that
// leaves over go to a row that can take them at one price, moving a second row by a step or two
// if needed. Only when nothing fits does one row take them and get split.
// Known shortcoming: shares are therefore near-proportional (a few kopecks per unit), not the
// exact largest-remainder shares. Listed in the README.

export interface SpreadRow {
  /** What the shop's row comes to after its own discount, in kopecks. */
  amount: number;
  /** Thousandths. */
  quantity: number;
  shipping: boolean;
}

export interface SpreadOptions {
  /**
   * Let the shipping row take the kopecks the items cannot carry at one price each, instead of
   * splitting an item's line. The engine asks for it only when the receipt would otherwise need
   * more lines than ATOL allows: then nothing else can carry the difference (rule 5).
   */
  shippingTakesLeftover?: boolean;
}

export type SpreadResult =
  { ok: true; shares: number[]; spread: boolean } | { ok: false; row?: number; reason: string };

/** Each row's share of `total`, in kopecks; rows add up to `total` exactly. */
export function spreadTotal(
  rows: readonly SpreadRow[],
  total: number,
  options: SpreadOptions = {},
): SpreadResult {
  const amounts = rows.map((row) => row.amount);
  const rowsSum = amounts.reduce((sum, amount) => sum + amount, 0);
  if (rowsSum === total) return { ok: true, shares: amounts, spread: false };

  const itemsSum = rows.reduce((sum, row) => sum + (row.shipping ? 0 : row.amount), 0);
  const shippingSum = rowsSum - itemsSum;
  if (itemsSum === 0 && shippingSum === 0) {
    return { ok: false, reason: 'the document has no rows with an amount to carry the total' };
  }
  // Shipping keeps its amount while the items can take the difference; otherwise all rows do.
  const itemsCarry = itemsSum > 0 && total >= shippingSum;
  const carriers = rows.map((row) => (itemsCarry ? !row.shipping : true));
  const fixed = itemsCarry ? shippingSum : 0;

  const shares = shareOut(rows, carriers, total - fixed);
  if (!shares) {
    return { ok: false, reason: 'the total is too small to give every row at least 0.01 a unit' };
  }
  rows.forEach((row, index) => {
    if (!carriers[index]) shares[index] = row.amount;
  });
  const fitted = fitToOneLine(rows, shares, carriers, options);
  return { ok: true, shares: fitted, spread: true };
}

/** Proportional shares of `target` over the carrier rows, each at least its row's minimum. */
function shareOut(rows: readonly SpreadRow[], carriers: boolean[], target: number) {
  // Nothing left for the carriers (goods discounted to nothing, shipping paid): all get zero.
  if (target === 0) return rows.map(() => 0);
  const floor = rows.map((row, index) =>
    carriers[index] && row.amount > 0 ? minimumShare(row.quantity) : 0,
  );
  const pinned = rows.map(() => false);
  for (;;) {
    const pinnedSum = floor.reduce((sum, value, index) => sum + (pinned[index] ? value : 0), 0);
    if (pinnedSum > target) return undefined;
    const weights = rows.map((row, index) => (carriers[index] && !pinned[index] ? row.amount : 0));
    if (weights.every((weight) => weight === 0) && pinnedSum !== target) return undefined;
    const free = allocateByLargestRemainder(target - pinnedSum, weights);
    const shares = free.map((share, index) => (pinned[index] ? (floor[index] ?? 0) : share));
    const short = shares.findIndex((share, index) => share < (floor[index] ?? 0));
    if (short === -1) return shares;
    pinned[short] = true;
  }
}

/** Moves shares to amounts one price can give, keeping the sum; see the file comment. */
function fitToOneLine(
  rows: readonly SpreadRow[],
  shares: number[],
  carriers: boolean[],
  options: SpreadOptions,
): number[] {
  const fitted = [...shares];
  let left = 0; // kopecks taken off the shares so far, to be given back
  rows.forEach((row, index) => {
    const share = fitted[index] ?? 0;
    if (!carriers[index] || share === 0 || fitsOneLine(share, row.quantity)) return;
    const { below, above } = oneLineNeighbours(share, row.quantity);
    const down = below === undefined ? undefined : left + (share - below);
    const up = above === undefined ? undefined : left - (above - share);
    const goDown = down !== undefined && (up === undefined || Math.abs(down) <= Math.abs(up));
    if (goDown && below !== undefined) fitted[index] = below;
    else if (above !== undefined) fitted[index] = above;
    left += share - (fitted[index] ?? share);
  });
  if (left === 0) return fitted;
  return (
    settleLeftover(rows, fitted, carriers, left) ??
    (options.shippingTakesLeftover ? onShipping(rows, fitted, left) : undefined) ??
    giveBackToLargest(rows, fitted, carriers, left, shares)
  );
}

/** Puts `left` kopecks on one row, or on two, so that every row still fits one line. */
function settleLeftover(
  rows: readonly SpreadRow[],
  shares: number[],
  carriers: boolean[],
  left: number,
): number[] | undefined {
  const order = carrierOrder(rows, shares, carriers);
  const single = absorb(rows, shares, order, left, -1);
  if (single) return single;

  for (const first of order) {
    const row = rows[first];
    // Whole quantities only: moving by whole steps keeps them at one price.
    if (!row || row.quantity % 1000 !== 0) continue;
    const step = priceStep(row.quantity);
    for (const times of [1, -1, 2, -2]) {
      const moved = (shares[first] ?? 0) + times * step;
      if (moved < minimumShare(row.quantity)) continue;
      const next = [...shares];
      next[first] = moved;
      const settled = absorb(rows, next, order, left - times * step, first);
      if (settled) return settled;
    }
  }
  return undefined;
}

function absorb(
  rows: readonly SpreadRow[],
  shares: number[],
  order: number[],
  left: number,
  skip: number,
): number[] | undefined {
  for (const index of order) {
    const row = rows[index];
    const target = (shares[index] ?? 0) + left;
    if (!row || index === skip || target < minimumShare(row.quantity)) continue;
    if (!fitsOneLine(target, row.quantity)) continue;
    const next = [...shares];
    next[index] = target;
    return next;
  }
  return undefined;
}

function onShipping(rows: readonly SpreadRow[], shares: number[], left: number) {
  const index = rows.findIndex((row) => row.shipping);
  const target = (shares[index] ?? 0) + left;
  if (index === -1 || target < 1) return undefined;
  const next = [...shares];
  next[index] = target;
  return next;
}

/** When nothing fits, the largest row takes what is left and is split into two lines. */
function giveBackToLargest(
  rows: readonly SpreadRow[],
  fitted: number[],
  carriers: boolean[],
  left: number,
  original: number[],
): number[] {
  for (const index of carrierOrder(rows, fitted, carriers)) {
    const row = rows[index];
    if (row && (fitted[index] ?? 0) + left >= minimumShare(row.quantity)) {
      const next = [...fitted];
      next[index] = (next[index] ?? 0) + left;
      return next;
    }
  }
  return original;
}

/** Carrier rows with a share, largest share first, then in document order. */
function carrierOrder(rows: readonly SpreadRow[], shares: number[], carriers: boolean[]): number[] {
  return rows
    .map((_, index) => index)
    .filter((index) => carriers[index] && (shares[index] ?? 0) > 0)
    .sort((a, b) => (shares[b] ?? 0) - (shares[a] ?? 0) || a - b);
}
