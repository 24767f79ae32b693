/**
 * The 2020→2050 outlook of a municipality or region (IPSS 2023): a sentence, a small stacked-bar chart of the three
 * age groups (SVG, presentation attributes only: the content security policy refuses inline styles) and a table.
 * Where IPSS publishes only a group (浜通り), the panel says so and shows the group's figures as the group's.
 */
import type { Outlook, OutlookPoint } from '../../domain/records/outlook.ts';
import type { MembersKnown } from '../../domain/records/regions.ts';
import { fmtInt, fmtValue } from '../format.ts';
import { t } from '../i18n.ts';
import { type Html, html, joinHtml } from './html.ts';
import './outlook.css';

/** Okabe–Ito colours per age group, the same in every chart (outlook.css repeats them for the key). */
export const ageColours = { under15: '#56B4E9', workingAge: '#0072B2', elderly: '#E69F00' } as const;
type AgeGroup = keyof typeof ageColours;
const ageGroups: readonly AgeGroup[] = ['elderly', 'workingAge', 'under15'];
const ageLabel = (g: AgeGroup) => (g === 'under15' ? t('0–14歳', '0–14') : g === 'workingAge' ? t('15–64歳', '15–64') : t('65歳以上', '65+'));

const pct = (part: number, whole: number) => (whole > 0 ? (part / whole) * 100 : null);

/**
 * Stacked bars, one per year, scaled to the largest total; the first and last totals written above their bars.
 * @example outlookChart(series, '川場村').markup.startsWith('<svg') // true
 */
export function outlookChart(series: readonly OutlookPoint[], subject: string): Html {
  const width = 300;
  const height = 150;
  const top = 18;
  const bottom = 20;
  const slot = width / series.length;
  const bar = slot * 0.62;
  const max = Math.max(...series.map((p) => p.population), 1);
  const scale = (v: number) => (v / max) * (height - top - bottom);
  const first = series[0];
  const last = series.at(-1);
  const label =
    first && last
      ? t(
          `${subject}の将来推計人口：${first.year}年 ${fmtInt(first.population)}人 → ${last.year}年 ${fmtInt(last.population)}人`,
          `${subject}, projected population: ${fmtInt(first.population)} in ${first.year} → ${fmtInt(last.population)} in ${last.year}`,
        )
      : subject;
  const bars = series.map((p, i) => {
    const x = i * slot + (slot - bar) / 2;
    let y = height - bottom;
    const parts = ageGroups.map((g) => {
      const h = scale(p[g]);
      y -= h;
      return html`<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${bar.toFixed(1)}" height="${h.toFixed(1)}" fill="${ageColours[g]}"><title>${p.year} ${ageLabel(g)}: ${fmtInt(p[g])}</title></rect>`;
    });
    const total =
      i === 0 || i === series.length - 1
        ? html`<text x="${(x + bar / 2).toFixed(1)}" y="${(y - 4).toFixed(1)}" text-anchor="middle" class="oc-total">${fmtInt(p.population)}</text>`
        : null;
    return html`${parts}${total}<text x="${(x + bar / 2).toFixed(1)}" y="${height - 6}" text-anchor="middle" class="oc-year">${p.year}</text>`;
  });
  return html`<svg class="outlook-chart" viewBox="0 0 ${width} ${height}" role="img" aria-label="${label}" data-testid="outlook-chart">${bars}</svg>`;
}

/** Which subject the outlook belongs to, for the wording around it. */
export interface OutlookSubject {
  name: string;
  /** Regions: how completely their members are known. */
  membersKnown?: MembersKnown;
}

/**
 * The outlook block of a panel: heading, notes (group only, members left out, members unknown), the 2020→2050
 * sentence, the chart, a table and the source.
 */
export function outlookSection(o: Outlook | null, subject: OutlookSubject): Html {
  const heading = html`<h3>${t('将来推計人口（2020→2050年）', 'Population outlook 2020→2050')}</h3>`;
  if (subject.membersKnown === 'centre_only')
    return html`${heading}<p class="empty" data-testid="outlook-none">${t(
      '構成団体が不明のため、圏域の推計は示しません（中心市の推計は市区町村の詳細にあります）。',
      'Members unknown: no outlook is given for the region (the centre city’s is in its own panel).',
    )}</p>`;
  if (!o || o.series.length === 0) {
    const why = o?.excluded.length
      ? t(
          `構成団体（${o.excluded.map((m) => m.name).join('・')}）の推計は浜通り地域13市町村の一括推計のみで、圏域の合計は出せません。`,
          `Its members (${o.excluded.map((m) => m.name).join(', ')}) are projected only within the 13-municipality 浜通り group; no total for the region.`,
        )
      : t('推計はありません。', 'No projection.');
    return html`${heading}<p class="empty" data-testid="outlook-none">${why}</p>`;
  }
  const first = o.series[0]!;
  const last = o.series.at(-1)!;
  const change = pct(last.population - first.population, first.population);
  const notes: Html[] = [];
  if (o.scope === 'group' && o.group) {
    notes.push(
      html`<p class="callout outlook-group" data-testid="outlook-group">${t(
        `${subject.name}単独の推計は公表されていません。社人研は${o.group.name}の${o.group.memberCodes.length}市町村を一括してのみ推計しており、以下はその地域全体の数値です。`,
        `No projection of ${subject.name} alone is published: IPSS projects the ${o.group.memberCodes.length} municipalities of ${o.group.name} only together. The figures below are the whole group's.`,
      )}</p>`,
    );
  }
  if (o.excluded.length)
    notes.push(
      html`<p class="callout">${t(
        `${o.excluded.map((m) => m.name).join('・')}は${o.excluded[0]!.groupName}の一括推計のみのため、合計に含みません。`,
        `${o.excluded.map((m) => m.name).join(', ')}: projected only within ${o.excluded[0]!.groupName}, left out of the total.`,
      )}</p>`,
    );
  for (const g of o.includedGroups)
    notes.push(
      html`<p class="callout">${t(`${g.name}（${g.memberCodes.length}市町村）は一括推計を合算しています。`, `${g.name} (${g.memberCodes.length} municipalities) is added as one group.`)}</p>`,
    );
  if (subject.membersKnown && subject.membersKnown !== 'all')
    notes.push(
      html`<p class="callout">${t('構成団体がすべては判明していないため、判明している団体だけの合計です。', 'Not all members are known: the total covers the known members only.')}</p>`,
    );
  const whose = o.scope === 'group' && o.group ? o.group.name : subject.name;
  const row = (label: string, a: number, b: number, share: boolean) =>
    html`<tr><th>${label}</th><td>${fmtInt(a)}</td><td class="pct">${share ? fmtValue(pct(a, first.population), '%') : ''}</td><td>${fmtInt(b)}</td><td class="pct">${share ? fmtValue(pct(b, last.population), '%') : ''}</td></tr>`;
  return html`${heading}${notes}
    <p class="outlook-line" data-testid="outlook-line">${whose}: <b>${fmtValue(first.population, '人')}</b> → <b>${fmtValue(last.population, '人')}</b> (${last.year}${t('年', '')}, ${fmtValue(change, '%')})</p>
    ${outlookChart(o.series, whose)}
    <div class="outlook-keys">${joinHtml(
      (['under15', 'workingAge', 'elderly'] as const).map((g) => html`<span><span class="oc-sw oc-${g}"></span>${ageLabel(g)}</span>`),
      ' ',
    )}</div>
    <table class="outlook-table" data-testid="outlook-table"><thead><tr><th></th><th colspan="2">${first.year}</th><th colspan="2">${last.year}</th></tr></thead><tbody>
      ${row(t('総数', 'Total'), first.population, last.population, false)}
      ${row(ageLabel('under15'), first.under15, last.under15, true)}
      ${row(ageLabel('workingAge'), first.workingAge, last.workingAge, true)}
      ${row(ageLabel('elderly'), first.elderly, last.elderly, true)}
    </tbody></table>
    <p class="sub source">${t('出典', 'Source')}: ${t('国立社会保障・人口問題研究所『日本の地域別将来推計人口（令和5（2023）年推計）』', 'IPSS, Regional Population Projections for Japan (2023)')}</p>`;
}
