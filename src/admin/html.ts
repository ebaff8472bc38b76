/**
 * The one escaping step of the admin pages. Every interpolation in an `html` template is escaped
 * unless it is already `SafeHtml` (the result of another `html` template), so markup can only
 * come from template literals written in this folder, never from data.
 */
export class SafeHtml {
  constructor(readonly value: string) {}

  toString(): string {
    return this.value;
  }
}

/** What an `html` template accepts: text is escaped, `SafeHtml` is kept, lists are joined. */
export type HtmlValue = SafeHtml | string | number | bigint | boolean | null | undefined | HtmlList;
type HtmlList = readonly HtmlValue[];

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

/** Escapes text for use in element content and in quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (char) => ENTITIES[char] ?? char);
}

function render(value: HtmlValue): string {
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return (value as HtmlList).map(render).join('');
  // `false` and `null` render nothing so that `${cond && html`…`}` reads naturally.
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(String(value));
}

/** Tagged template: `html\`<td>${name}</td>\`` escapes `name`. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, index) => {
    out += render(value) + (strings[index + 1] ?? '');
  });
  return new SafeHtml(out);
}

/**
 * Marks a constant written in this folder (the stylesheet) as markup. Never pass data to it:
 * anything that came from a request, the database or ATOL goes through `html` instead.
 */
export function trustedConstant(text: string): SafeHtml {
  return new SafeHtml(text);
}

/**
 * A link target that cannot run script: only http(s) URLs and paths on this site pass, anything
 * else (a `javascript:` URL in an OFD link from ATOL, say) becomes `#`.
 */
export function safeUrl(url: string): string {
  if (url.startsWith('/') && !url.startsWith('//')) return url;
  return /^https?:\/\//i.test(url) ? url : '#';
}
