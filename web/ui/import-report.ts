/**
 * The report of a checked upload (agreements in Exchanges, own indicators in Explore) as a readable table in a
 * full-width dialog: one line per problem or accepted row, with the row, what was typed, the reason in the UI's
 * language (domain/glossary.ts importProblem) and what the names resolver suggests (川口村 → 長岡市 via 川口町).
 */
import type { ImportField, ImportPartner, ImportPlace, ImportProblem, ImportReport } from '../../domain/records/exchanges.ts';
import { label, t } from '../i18n.ts';
import { type Places, nameOfCode, prefNameOfCode } from '../names.ts';
import { type Html, html, setHtml } from './html.ts';
import './import-report.css';

/** One line of the table: a problem of a row, or a row taken (status ok). */
export interface ReportLine {
  /** The row of the file (the header is row 1). */
  line: number;
  status: 'ok' | 'error';
  field: ImportField | null;
  /** What the user typed, shown as typed. */
  written: string;
  /** The reason or the result, already in the UI's language. */
  reason: string;
  /** A place or places the user may have meant, or how a former name was read; '' for none. */
  suggestion: string;
}

/** A place's name in English: romaji with the kanji beside (Nagaoka-shi 長岡市), so a row can be matched to the file. */
function englishName(places: Places, p: { code: string; name: string }): string {
  const name = nameOfCode(places, p.code, p.name, 'en');
  return name === p.name ? name : `${name} ${p.name}`;
}

/**
 * A place as the report names it: 新潟県長岡市（旧 川口町）; in English romaji with the kanji beside, so the user can
 * match it to the file: Nagaoka-shi 長岡市, Niigata 15202 (former 川口町).
 */
export function placeText(places: Places, p: ImportPlace): string {
  const former = p.formerName ? t(`（旧 ${p.formerName}）`, ` (former ${p.formerName})`) : '';
  const pref = p.prefName !== p.name ? p.prefName : '';
  const prefEn = pref ? `, ${prefNameOfCode(places, p.code, pref, 'en')}` : '';
  return t(`${pref}${p.name} ${p.code}${former}`, `${englishName(places, p)}${prefEn} ${p.code}${former}`);
}

/**
 * The line of one problem: the reason's label, what was typed (or `fallback`, the row's own cell, when the problem
 * names none), and the candidates of an ambiguous name or the suggestions for an unknown one.
 */
export function problemLine(places: Places, line: number, p: ImportProblem, fallback = ''): ReportLine {
  const meant = p.candidates ?? p.suggestions ?? [];
  const lead = p.suggestions ? t('もしかして：', 'Perhaps: ') : p.candidates ? t('候補：', 'Candidates: ') : '';
  return {
    line,
    status: 'error',
    field: p.field,
    written: p.written || fallback,
    reason: label('importProblem', p.code),
    suggestion: meant.length ? `${lead}${meant.map((m) => placeText(places, m)).join(t('、', '; '))}` : '',
  };
}

/** How a name that is not today's was read: 川口町 → 新潟県長岡市（2010-03-31 編入合併）/ 川口町 → Nagaoka-shi 長岡市, Niigata (…). */
export function viaText(places: Places, p: ImportPartner | null): string {
  if (p?.via?.kind !== 'former') return '';
  const when = [p.via.date, p.via.change].filter(Boolean).join(' ');
  return t(
    `${p.via.written} → ${p.prefName}${p.name}${when ? `（${when}）` : ''}`,
    `${p.via.written} → ${englishName(places, p)}, ${prefNameOfCode(places, p.code, p.prefName, 'en')}${when ? ` (${when})` : ''}`,
  );
}

/** The lines of an agreements import: each problem of a row, and each row taken with how former names were read. */
export function exchangeReportLines(places: Places, r: ImportReport): ReportLine[] {
  return r.rows.flatMap((row) =>
    row.status === 'error'
      ? row.problems.map((p) => problemLine(places, row.line, p, p.field === 'a' || p.field === 'b' ? row.written[p.field] : ''))
      : [
          {
            line: row.line,
            status: 'ok' as const,
            field: null,
            written: `${row.written.a} – ${row.written.b}`,
            reason: `${row.kind ? label('exchangeKind', row.kind) : ''}${row.sinceYear ? ` ${row.sinceYear}` : ''} · ${row.id ? t(`登録 ${row.id}`, `imported as ${row.id}`) : t('登録できます', 'can be imported')}`,
            suggestion: [viaText(places, row.a), viaText(places, row.b)].filter(Boolean).join(t('、', '; ')),
          },
        ],
  );
}

/** The table of a report; rows with problems carry class "error", rows taken class "ok". */
export function reportTable(lines: readonly ReportLine[]): Html {
  return html`<div class="import-report" data-testid="import-report"><table class="data">
    <thead><tr><th class="num">${t('行', 'Row')}</th><th>${t('項目', 'Field')}</th><th>${t('入力内容', 'As typed')}</th><th>${t('結果・理由', 'Result or reason')}</th><th>${t('候補', 'Suggestion')}</th></tr></thead>
    <tbody>${lines.map(
      (l) =>
        html`<tr class="${l.status}"><td class="num">${l.line}</td><td>${l.field ? label('importField', l.field) : ''}</td><td class="typed">${l.written || html`<span class="empty-cell">${t('（空欄）', '(empty)')}</span>`}</td><td>${l.status === 'ok' ? '✓ ' : '✗ '}${l.reason}</td><td>${l.suggestion}</td></tr>`,
    )}</tbody></table></div>`;
}

let dialog: HTMLDialogElement | null = null;

/**
 * Opens (or refreshes) the report dialog: a title, a summary line, the table, and optional actions (e.g. "import the
 * valid rows") that close the dialog when pressed. Returns the dialog.
 */
export function openReport(title: string, summary: Html, lines: readonly ReportLine[], actions: { text: string; run: () => void }[] = []): HTMLDialogElement {
  if (!dialog) {
    dialog = document.createElement('dialog');
    dialog.className = 'import-dialog';
    dialog.dataset.testid = 'import-report-dialog';
    dialog.setAttribute('aria-labelledby', 'import-report-title');
    document.body.append(dialog);
  }
  const box = dialog;
  setHtml(
    box,
    html`<div class="import-dialog-head"><h2 id="import-report-title">${title}</h2><button type="button" class="btn secondary" id="import-report-close">${t('閉じる', 'Close')}</button></div>
    <p class="sub" data-testid="import-report-summary">${summary}</p>
    ${reportTable(lines)}
    ${actions.length > 0 && html`<div class="btn-row">${actions.map((a, i) => html`<button type="button" class="btn" data-report-action="${i}">${a.text}</button>`)}</div>`}`,
  );
  box.querySelector('#import-report-close')!.addEventListener('click', () => box.close());
  box.querySelectorAll<HTMLButtonElement>('[data-report-action]').forEach((b) =>
    b.addEventListener('click', () => {
      box.close();
      actions[Number(b.dataset.reportAction)]!.run();
    }),
  );
  if (!box.open) box.showModal();
  return box;
}
