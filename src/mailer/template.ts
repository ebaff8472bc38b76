/**
 * A small logic-less template language for the MJML files in templates/, a subset of
 * Mustache: `{{name}}` and `{{a.b}}` insert a value, always HTML-escaped (there is no raw
 * form, so user text cannot inject markup); `{{#list}}…{{/list}}` repeats for each item of an
 * array, or renders once for any other truthy value; `{{^list}}…{{/list}}` renders when the value
 * is falsy or an empty array; `{{.}}` is the current item.
 */
export type TemplateContext = unknown;

type Node =
  | { type: 'text'; text: string }
  | { type: 'value'; name: string }
  | { type: 'section'; name: string; inverted: boolean; children: Node[] };

const TAG = /\{\{\s*([#^/]?)\s*([\w.]+)\s*\}\}/g;

const escapes: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => escapes[char] ?? char);
}

function parse(template: string): Node[] {
  const root: Node[] = [];
  const stack: Array<{ name: string; children: Node[] }> = [{ name: '', children: root }];
  let last = 0;
  for (const match of template.matchAll(TAG)) {
    const [tag, sigil = '', name = ''] = match;
    const current = stack[stack.length - 1]!;
    current.children.push({ type: 'text', text: template.slice(last, match.index) });
    last = match.index + tag.length;
    if (sigil === '') current.children.push({ type: 'value', name });
    if (sigil === '#' || sigil === '^') {
      const children: Node[] = [];
      current.children.push({ type: 'section', name, inverted: sigil === '^', children });
      stack.push({ name, children });
    }
    if (sigil === '/') {
      if (stack.length === 1 || current.name !== name) {
        throw new Error(`template: unexpected {{/${name}}}`);
      }
      stack.pop();
    }
  }
  if (stack.length > 1)
    throw new Error(`template: {{#${stack[stack.length - 1]!.name}}} not closed`);
  root.push({ type: 'text', text: template.slice(last) });
  return root;
}

function lookup(name: string, contexts: TemplateContext[]): unknown {
  if (name === '.') return contexts[contexts.length - 1];
  const [head = '', ...rest] = name.split('.');
  for (let i = contexts.length - 1; i >= 0; i -= 1) {
    const context = contexts[i];
    if (context !== null && typeof context === 'object' && head in context) {
      let value: unknown = (context as Record<string, unknown>)[head];
      for (const key of rest) {
        value = value !== null && typeof value === 'object' ? Reflect.get(value, key) : undefined;
      }
      return value;
    }
  }
  return undefined;
}

function isEmpty(value: unknown): boolean {
  return !value || (Array.isArray(value) && value.length === 0);
}

function renderNodes(nodes: Node[], contexts: TemplateContext[]): string {
  let out = '';
  for (const node of nodes) {
    if (node.type === 'text') out += node.text;
    if (node.type === 'value') {
      const value = lookup(node.name, contexts);
      out += value === undefined || value === null ? '' : escapeHtml(String(value));
    }
    if (node.type === 'section') out += renderSection(node, contexts);
  }
  return out;
}

function renderSection(
  node: Extract<Node, { type: 'section' }>,
  contexts: TemplateContext[],
): string {
  const value = lookup(node.name, contexts);
  if (node.inverted) return isEmpty(value) ? renderNodes(node.children, contexts) : '';
  if (isEmpty(value)) return '';
  const items = Array.isArray(value) ? value : [value];
  return items.map((item) => renderNodes(node.children, [...contexts, item])).join('');
}

const compiled = new Map<string, Node[]>();

/** Renders `template` with `context`; parsed templates are cached by their text. */
export function renderTemplate(template: string, context: TemplateContext): string {
  let nodes = compiled.get(template);
  if (!nodes) {
    nodes = parse(template);
    compiled.set(template, nodes);
  }
  return renderNodes(nodes, [context]);
}
