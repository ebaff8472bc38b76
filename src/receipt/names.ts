/** ATOL's limit for `items[].name` (reference §3.5). */
export const MAX_NAME_LENGTH = 128;

const graphemes = new Intl.Segmenter('ru', { granularity: 'grapheme' });

/**
 * Cuts a name to at most `max` characters (shop-api.md rule 7) without breaking a character:
 * whole user-perceived characters are kept, so neither a surrogate pair (emoji) nor a letter with
 * its combining accent is split. The limit holds whether ATOL counts code points or UTF-16
 * units, because the cut keeps the UTF-16 length within `max` too.
 */
export function cutName(name: string, max = MAX_NAME_LENGTH): string {
  if (name.length <= max) return name;
  let kept = '';
  for (const { segment } of graphemes.segment(name)) {
    if (kept.length + segment.length > max) break;
    kept += segment;
  }
  // A single "character" longer than the limit (a base letter with a pile of accents) is cut
  // by code points instead, so the name never becomes empty.
  if (kept === '') kept = cutByCodePoints(name, max);
  return kept.trimEnd();
}

function cutByCodePoints(name: string, max: number): string {
  let kept = '';
  for (const codePoint of name) {
    if (kept.length + codePoint.length > max) break;
    kept += codePoint;
  }
  return kept;
}
