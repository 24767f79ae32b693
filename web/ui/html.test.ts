import { describe, expect, it } from 'vitest';
import { Html, escapeText, html, joinHtml, raw } from './html.ts';

describe('html tag', () => {
  it('escapes text and attribute values', () => {
    const name = `<img src=x onerror="alert('1')">&`;
    expect(html`<b title="${name}">${name}</b>`.markup).toBe(
      '<b title="&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt;&amp;">&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt;&amp;</b>',
    );
    expect(escapeText(`a&b<c>"d'`)).toBe('a&amp;b&lt;c&gt;&quot;d&#39;');
  });

  it('keeps nested html and raw markup as they are, once', () => {
    const inner = html`<i>${'x<y'}</i>`;
    expect(html`<p>${inner}</p>`.markup).toBe('<p><i>x&lt;y</i></p>');
    expect(html`<p>${raw('&nbsp;<br>')}</p>`.markup).toBe('<p>&nbsp;<br></p>');
    expect(html`${html`${html`${'&'}`}`}`.markup).toBe('&amp;');
  });

  it('joins arrays, nested arrays included, escaping each plain item', () => {
    const items = ['a', '<b>', 'c'];
    expect(html`<ul>${items.map((i) => html`<li>${i}</li>`)}</ul>`.markup).toBe('<ul><li>a</li><li>&lt;b&gt;</li><li>c</li></ul>');
    expect(html`${[['<', html`<br>`], 1, []]}`.markup).toBe('&lt;<br>1');
  });

  it('renders nothing for null, undefined and false, and numbers as text', () => {
    const none: string | null = null;
    expect(html`[${none}${undefined}${false}${0}${1.5}]`.markup).toBe('[01.5]');
    expect(html`${false && html`<b>hidden</b>`}`.markup).toBe('');
  });

  it('joins with a separator, escaping a plain one', () => {
    expect(joinHtml(['a', html`<b>b</b>`, '<c>'], ' & ').markup).toBe('a &amp; <b>b</b> &amp; &lt;c&gt;');
    expect(joinHtml([], html`<br>`).markup).toBe('');
  });

  it('cannot be fooled by an object with a forged toString, and refuses to become a string itself', () => {
    const forged = { toString: () => '<script>' } as unknown as string;
    expect(html`${forged}`.markup).toBe('&lt;script&gt;');
    expect(html`${'<b>'}` instanceof Html).toBe(true);
    expect(() => `${html`<b>x</b>`}`).toThrow(/Html used as a string/);
  });
});
