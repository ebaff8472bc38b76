import { escapeHtml, html, safeUrl, trustedConstant } from './html';

describe('html template', () => {
  it('when text holds markup, then every special character is escaped', () => {
    const name = `<script>alert("x" + 'y' + \`z\`)</script> & more`;
    expect(html`<td>${name}</td>`.value).toBe(
      '<td>&lt;script&gt;alert(&quot;x&quot; + &#39;y&#39; + &#96;z&#96;)&lt;/script&gt; &amp; more</td>',
    );
  });

  it('when a value is itself an html template, then it is kept as markup', () => {
    const inner = html`<b>${'<i>'}</b>`;
    expect(html`<p>${inner}</p>`.value).toBe('<p><b>&lt;i&gt;</b></p>');
  });

  it('when a value is a list, then its items are escaped and joined', () => {
    const items = ['<a>', html`<br />`, 3];
    expect(html`${items}`.value).toBe('&lt;a&gt;<br />3');
  });

  it('when a value is null, undefined or false, then nothing is rendered', () => {
    expect(html`[${null}${undefined}${false}${0}]`.value).toBe('[0]');
  });

  it('when an attribute value tries to close its quotes, then it cannot', () => {
    const value = '" onmouseover="alert(1)';
    expect(html`<input value="${value}" />`.value).toBe(
      '<input value="&quot; onmouseover=&quot;alert(1)" />',
    );
  });

  it('when a constant is marked trusted, then it is kept as it is', () => {
    expect(html`<p>${trustedConstant('<b>a>b</b>')}</p>`.value).toBe('<p><b>a>b</b></p>');
  });

  it('when escapeHtml gets plain text, then it is unchanged', () => {
    expect(escapeHtml('Электрический чайник 2 шт')).toBe('Электрический чайник 2 шт');
  });
});

describe('safeUrl', () => {
  it('when a link is http(s) or a local path, then it is kept', () => {
    expect(safeUrl('https://consumer.1-ofd.ru/v1?fn=1')).toBe('https://consumer.1-ofd.ru/v1?fn=1');
    expect(safeUrl('/admin/documents')).toBe('/admin/documents');
  });

  it('when a link could run script or leave through //, then it becomes #', () => {
    expect(safeUrl('javascript:alert(1)')).toBe('#');
    expect(safeUrl(' JaVaScRiPt:alert(1)')).toBe('#');
    expect(safeUrl('data:text/html,<script>')).toBe('#');
    expect(safeUrl('//evil.example')).toBe('#');
  });
});
