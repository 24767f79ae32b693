/**
 * Sources as readers cite them (domain/citations.ts): a list with links for panels, one line of text for captions,
 * CSV cells and exported images. Never a file name.
 */
import { type Citation, formatCitation } from '../../domain/citations.ts';
import { t } from '../i18n.ts';
import { type Html, html } from './html.ts';

/**
 * The citations as a list, each linked where it has a web address.
 * @example citationList([{ title: 'x', publisher: '総務省', year: '2019', url: null }]).markup // '<ul class="citations"><li>総務省「x」 2019</li></ul>'
 */
export function citationList(list: readonly Citation[]): Html {
  if (list.length === 0) return html`<p class="sub">${t('出典の記載なし', 'No source given')}</p>`;
  return html`<ul class="citations">${list.map(
    (c) => html`<li>${c.url && /^https?:\/\//.test(c.url) ? html`<a href="${c.url}" target="_blank" rel="noopener">${formatCitation(c)}</a>` : formatCitation(c)}</li>`,
  )}</ul>`;
}

/**
 * The citations as one line of text (captions, CSV, PNG).
 * @example citationLine([a, b]) // '総務省「…」 2019 ／ 世田谷区「…」 2023'
 */
export function citationLine(list: readonly Citation[]): string {
  return list.map((c) => formatCitation(c)).join(' ／ ');
}
