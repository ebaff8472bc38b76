// JSON.parse keeps the last of two equal keys without a word, so `"total":1,"total":2` would
// be read as 2 while the shop may have meant 1. This scanner finds such keys in one pass over
// the raw text, before the parse. It trusts the parse to refuse malformed JSON: on text that is
// not JSON it may miss a duplicate, never throw.

interface Frame {
  /** Keys seen so far in an object; undefined for an array. */
  keys: Set<string> | undefined;
  /** The segment this container adds to a path: the current key or array index. */
  segment: string;
  expectKey: boolean;
  index: number;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** The end index (exclusive) of the JSON string starting at `start` (its opening quote). */
function stringEnd(body: Buffer, start: number): number {
  for (let at = start + 1; at < body.length; at += 1) {
    const code = body[at];
    if (code === BACKSLASH) at += 1;
    else if (code === QUOTE) return at + 1;
  }
  return body.length;
}

/** A key's text; plain ASCII (nearly every key) is read without a call into the decoder. */
function keyOf(body: Buffer, start: number, end: number): string {
  let key = '';
  for (let at = start + 1; at < end - 1; at += 1) {
    const code = body[at]!;
    if (code === BACKSLASH || code >= 0x80) return decodedKey(body.toString('utf8', start, end));
    key += String.fromCharCode(code);
  }
  return key;
}

function decodedKey(literal: string): string {
  try {
    return String(JSON.parse(literal));
  } catch {
    return literal;
  }
}

function pathOf(stack: readonly Frame[], key: string): string {
  return [...stack.slice(1, -1).map((frame) => frame.segment), key].join('.');
}

/**
 * The path of the first key that appears twice in one object (`items.0.name`), if any. It reads
 * the raw bytes: every JSON structural character is ASCII, and no byte of a multi-byte UTF-8
 * character is, so nothing needs decoding except the keys.
 */
export function findDuplicateKey(body: Buffer): string | undefined {
  const stack: Frame[] = [{ keys: undefined, segment: '', expectKey: false, index: 0 }];
  for (let at = 0; at < body.length; at += 1) {
    const code = body[at];
    const top = stack[stack.length - 1]!;
    if (code === QUOTE) {
      const end = stringEnd(body, at);
      if (top.keys !== undefined && top.expectKey) {
        const key = keyOf(body, at, end);
        if (top.keys.has(key)) return pathOf(stack, key);
        top.keys.add(key);
        top.expectKey = false;
        top.segment = key;
      }
      at = end - 1;
    } else if (code === 0x7b /* { */ || code === 0x5b /* [ */) {
      const isObject = code === 0x7b;
      if (top.keys === undefined) top.segment = String(top.index);
      const keys = isObject ? new Set<string>() : undefined;
      stack.push({ keys, segment: '', expectKey: isObject, index: 0 });
    } else if (code === 0x7d /* } */ || code === 0x5d /* ] */) {
      if (stack.length > 1) stack.pop();
    } else if (code === 0x2c /* , */) {
      if (top.keys === undefined) top.index += 1;
      else top.expectKey = true;
    }
  }
  return undefined;
}
