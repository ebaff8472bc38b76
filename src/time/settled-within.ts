/**
 * Waits for `work` to settle, at most `ms`; true when it did. Its value or error is the
 * caller's to look at elsewhere: shutdown steps use this to give up waiting, not to stop work.
 */
export async function settledWithin(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  const settled = work.then(
    () => true as const,
    () => true as const,
  );
  try {
    return await Promise.race([settled, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** After ATOL calls are cut off, how long the work they belonged to gets to finish writing. */
export const CUT_OFF_GRACE_MS = 3000;
