/**
 * An auto-escaping `html` template tag: every interpolated value is escaped for text and quoted attribute values,
 * except markup made by `html` itself (nesting) or marked trusted with `raw()`. Arrays are joined with nothing, and
 * null, undefined and false render nothing, so lists and conditionals read naturally:
 *
 *     html`<ul>${items.map((i) => html`<li>${i.name}</li>`)}</ul>${note && html`<p>${note}</p>`}`
 *
 * Attribute values must be quoted; URLs still need encodeURIComponent for their parts.
 */

/** Markup that may go into the page as is: the result of html`` or raw(). */
export class Html {
  readonly #markup: string;
  constructor(markup: string) {
    this.#markup = markup;
  }
  /** The markup, for setHtml and tests. */
  get markup(): string {
    return this.#markup;
  }
  /** Refuses to turn into a string silently: `'a' + html`…`` or a plain template would lose the escaping's meaning. */
  toString(): string {
    throw new Error('Html used as a string: nest it in html`` or write it with setHtml()');
  }
}

/** What an interpolation may hold. */
export type HtmlValue = Html | string | number | null | undefined | false | readonly HtmlValue[];

const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** The text with &, <, >, " and ' escaped. @example escapeText('<b>') // '&lt;b&gt;' */
export function escapeText(text: string): string {
  return text.replace(/[&<>"']/g, (c) => entities[c]);
}

function render(value: HtmlValue): string {
  if (value instanceof Html) return value.markup;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeText(String(value));
}

/**
 * Markup from a template, its values escaped.
 * @example html`<b>${'<i>'}</b>`.toString() // '<b>&lt;i&gt;</b>'
 */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): Html {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += render(values[i]) + strings[i + 1];
  return new Html(out);
}

/**
 * Markup trusted as it is (never user or API text).
 * @example html`<p>${raw('&nbsp;')}</p>`
 */
export function raw(markup: string): Html {
  return new Html(markup);
}

/**
 * Items with a separator between them.
 * @example joinHtml(['a', html`<b>b</b>`], ' · ') // a · <b>b</b>
 */
export function joinHtml(items: readonly HtmlValue[], separator: HtmlValue): Html {
  return html`${items.flatMap((item, i) => (i ? [separator, item] : [item]))}`;
}

/** Replaces an element's content with markup. */
export function setHtml(el: Element, content: Html): void {
  el.innerHTML = content.markup;
}
