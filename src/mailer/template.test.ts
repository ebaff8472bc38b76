import { escapeHtml, renderTemplate } from './template';

describe('renderTemplate', () => {
  it('when a value holds markup, then it is escaped', () => {
    const out = renderTemplate('<p title="{{a}}">{{a}}</p>', { a: `<b>"x" & 'y'</b>` });

    expect(out).toBe(
      '<p title="&lt;b&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/b&gt;">' +
        '&lt;b&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/b&gt;</p>',
    );
  });

  it('when a section names a list, then it repeats with each item and sees outer values', () => {
    const context = {
      unit: 'RUB',
      rows: [
        { n: 1, cells: [1, 2] },
        { n: 2, cells: [] },
      ],
    };

    const out = renderTemplate(
      '{{#rows}}[{{n}}:{{#cells}}{{.}} {{unit}};{{/cells}}]{{/rows}}',
      context,
    );

    expect(out).toBe('[1:1 RUB;2 RUB;][2:]');
  });

  it('when a value is falsy or an empty list, then the inverted section renders', () => {
    const template = '{{#n}}some{{/n}}{{^n}}none{{/n}}';

    expect(renderTemplate(template, { n: 0 })).toBe('none');
    expect(renderTemplate(template, { n: [] })).toBe('none');
    expect(renderTemplate(template, { n: 3 })).toBe('some');
  });

  it('when a dotted name is used, then nested values are read', () => {
    expect(renderTemplate('{{a.b.c}}/{{a.x}}', { a: { b: { c: 'deep' } } })).toBe('deep/');
  });

  it('when sections do not match, then rendering fails loudly', () => {
    expect(() => renderTemplate('{{#a}}x{{/b}}', {})).toThrow('unexpected {{/b}}');
    expect(() => renderTemplate('{{#a}}x', {})).toThrow('{{#a}} not closed');
  });

  it('when text has nothing special, then escaping leaves it alone', () => {
    expect(escapeHtml('Нет бумаги 16')).toBe('Нет бумаги 16');
  });
});
