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

/**
 * A worker's bounded stop: waits for `work` up to `timeoutMs`; if it is still running then,
 * calls `cutOff` (which ends the ATOL calls it waits for) and waits CUT_OFF_GRACE_MS more for
 * what those calls still write.
 */
export async function finishOrCutOff(
  work: Promise<unknown>,
  timeoutMs: number,
  cutOff: (() => void) | undefined,
): Promise<'finished' | 'cut off' | 'still running'> {
  if (await settledWithin(work, timeoutMs)) return 'finished';
  cutOff?.();
  return (await settledWithin(work, CUT_OFF_GRACE_MS)) ? 'cut off' : 'still running';
}
