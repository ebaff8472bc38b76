import crypto from 'node:crypto';
import { html, SafeHtml, trustedConstant } from './html';

const STYLES = `
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;
color:#1f2933;background:#f3f5f8}
a{color:#1d5fbf;text-decoration:none}a:hover{text-decoration:underline}
nav{display:flex;align-items:center;gap:4px;padding:0 24px;background:#1f2a3a;color:#fff}
nav .brand{font-weight:700;margin-right:20px;letter-spacing:.5px}
nav a{color:#c9d3e0;padding:14px 12px;border-bottom:3px solid transparent}
nav a:hover{color:#fff;text-decoration:none}
nav a.active{color:#fff;border-bottom-color:#5aa2ff}
nav .user{margin-left:auto;color:#8b98a9;font-size:13px}
main{max-width:1240px;margin:0 auto;padding:20px 24px 48px}
h1{font-size:22px;margin:4px 0 16px}h2{font-size:16px;margin:0 0 10px}
h3{font-size:14px;margin:14px 0 6px;color:#3e4c59}
.card{background:#fff;border:1px solid #dde3ea;border-radius:8px;padding:16px;margin-bottom:16px}
.row{display:flex;gap:16px;flex-wrap:wrap;align-items:flex-start}.row>.card{flex:1;min-width:280px}
table{width:100%;border-collapse:collapse}
th,td{text-align:left;padding:7px 10px;border-bottom:1px solid #edf0f4;vertical-align:top}
th{font-size:12px;text-transform:uppercase;letter-spacing:.4px;color:#637083;background:#f8fafc}
tbody tr:hover{background:#f8fbff}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.muted{color:#7b8794}.small{font-size:12px}.nowrap{white-space:nowrap}
.badge{display:inline-block;padding:1px 9px;border-radius:10px;font-size:12px;font-weight:600;
background:#e4e7eb;color:#3e4c59}
.badge.done,.badge.sent,.badge.ok{background:#dcf5e3;color:#16633a}
.badge.failed,.badge.fail,.badge.error{background:#fde2e1;color:#a61b1b}
.badge.wait,.badge.sending{background:#fff1cc;color:#8a5a00}
.badge.queued,.badge.new{background:#dfeafd;color:#1d4f9c}
.badge.stored{background:#eceff3;color:#52606d}
form.filters{display:flex;flex-wrap:wrap;gap:10px;align-items:flex-end}
label{display:flex;flex-direction:column;gap:3px;font-size:12px;color:#52606d}
label.check{flex-direction:row;align-items:center;gap:6px;font-size:13px}
input,select{font:inherit;padding:6px 8px;border:1px solid #c5ced8;border-radius:6px;
background:#fff}
button{font:inherit;padding:7px 14px;border-radius:6px;border:1px solid #1d5fbf;
background:#1d5fbf;color:#fff;cursor:pointer}
button.secondary{background:#fff;color:#1d5fbf}
.actions{display:flex;gap:12px;flex-wrap:wrap;align-items:center}
.actions form{margin:0;display:flex;gap:10px;align-items:center}
.card .card{border-color:#e6ebf1;margin:0 0 10px;background:#fcfdfe}
.notice{padding:10px 14px;border-radius:6px;margin-bottom:16px;border:1px solid}
.notice.ok{background:#e9f8ee;border-color:#a8dfba;color:#16633a}
.notice.refused{background:#fff4e5;border-color:#f5c77e;color:#7a4a00}
.notice.error{background:#fdecec;border-color:#f3b0b0;color:#a61b1b}
dl{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px;margin:0}
dt{color:#637083}dd{margin:0;word-break:break-all}
pre{margin:6px 0 0;padding:10px;background:#f6f8fa;border-radius:6px;overflow:auto;
max-height:360px;font-size:12px}
details summary{cursor:pointer;color:#1d5fbf}
.pager{display:flex;gap:12px;align-items:center;margin-top:12px}
.figure{font-size:22px;font-weight:600}
.empty{padding:18px;text-align:center;color:#7b8794}
`.replace(/\n/g, '');

const styleHash = crypto.createHash('sha256').update(STYLES).digest('base64');

// One constant, so that formatting of the page template cannot add whitespace to the
// stylesheet and break the hash that the policy allows it by.
const STYLE_ELEMENT = trustedConstant(`<style>${STYLES}</style>`);

/**
 * The Content-Security-Policy of every admin page: no script at all, the one inline stylesheet
 * allowed by its hash, forms posting only to this site, and no framing (clickjacking).
 */
export const adminContentSecurityPolicy = [
  "default-src 'none'",
  `style-src 'sha256-${styleHash}'`,
  "img-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

export type AdminSection = 'documents' | 'requests' | 'reports';

/** A message shown above the page content after an action. */
export interface Notice {
  kind: 'ok' | 'refused' | 'error';
  text: string;
}

export interface PageOptions {
  title: string;
  section?: AdminSection;
  user?: string;
  notice?: Notice | undefined;
  body: SafeHtml;
}

const SECTIONS: Array<[AdminSection, string, string]> = [
  ['documents', 'Documents', '/admin/documents'],
  ['requests', 'ATOL requests', '/admin/atol-requests'],
  ['reports', 'Reports', '/admin/reports'],
];

function navBar(options: PageOptions): SafeHtml {
  const links = SECTIONS.map(
    ([section, label, href]) =>
      html`<a href="${href}" class="${section === options.section ? 'active' : ''}">${label}</a>`,
  );
  const user = options.user ? html`<span class="user">${options.user}</span>` : '';
  return html`<nav><span class="brand">kkm admin</span>${links}${user}</nav>`;
}

/** A whole admin HTML page: head with the stylesheet, the nav bar, a notice and the body. */
export function renderPage(options: PageOptions): string {
  const notice = options.notice
    ? html`<div class="notice ${options.notice.kind}" role="status">${options.notice.text}</div>`
    : '';
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${options.title} · kkm admin</title>
        ${STYLE_ELEMENT}
      </head>
      <body>
        ${navBar(options)}
        <main>${notice} ${options.body}</main>
      </body>
    </html> `.value;
}

/** A status word as a coloured badge; the colour comes from the CSS class of the same name. */
export function badge(status: string): SafeHtml {
  return html`<span class="badge ${status}">${status}</span>`;
}
