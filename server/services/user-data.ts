/**
 * Backup of everything users made (saved groupings, imported agreements, presenters' stories, own indicators) as one JSON file, plus the agreements as a
 * CSV that spreadsheets open and the Exchanges view's upload takes back. Restoring validates the whole file and
 * writes all of it or nothing. Used by `npm run user:export` / `npm run user:import` (server/user-data-cli.ts).
 */
import { z } from 'zod';
import { formatSpreadsheetCsv } from '../../domain/csv.ts';
import { type ExchangeKind, exchangeKinds } from '../../domain/records/exchanges.ts';
import { type Story, storySchema } from '../../domain/records/stories.ts';
import { type CustomRegionMemberRow, type CustomRegionRow, type ImportedExchangeRow, type UserIndicatorRow, type UserStoryRow, pairKey, userTables } from '../../domain/tables.ts';
import type { AtlasDb } from '../db.ts';
import { type Run, insertRows, userTable } from '../store.ts';
import { indicatorFromRow } from './indicators.ts';

/** The `format` field of a backup file, and the version of its layout. */
export const userDataFormat = 'renkei-atlas-user-data';
export const userDataVersion = 1;

const code = z.string().regex(/^\d{5}$/, 'must be a 5-digit code such as "13112"');
const text = (max: number) => z.string().max(max, `must be at most ${max} characters`);

const groupingSchema = z
  .object({
    id: z.string().regex(/^custom-[a-z0-9-]{1,53}$/, 'must be a custom region id such as "custom-0123456789"'),
    name: z.string().trim().min(1, 'is required').max(80, 'must be at most 80 characters'),
    note: text(500),
    centerCodes: z.array(code).max(10, 'may list at most 10 centres'),
    memberCodes: z.array(code).min(1, 'needs at least one municipality').max(300, 'may list at most 300 municipalities'),
    createdAt: text(40),
  })
  .strict()
  .refine((g) => new Set(g.memberCodes).size === g.memberCodes.length, { message: 'lists a member twice', path: ['memberCodes'] })
  .refine((g) => g.centerCodes.every((c) => g.memberCodes.includes(c)), { message: 'must all be members too', path: ['centerCodes'] });

const agreementSchema = z
  .object({
    id: z.string().regex(/^u\d{1,9}$/, 'must be an imported agreement id such as "u00001"'),
    aCode: code,
    bCode: code,
    aFormerName: text(80).nullable(),
    bFormerName: text(80).nullable(),
    kind: z.enum(exchangeKinds, { message: `must be one of ${exchangeKinds.join(', ')}` }),
    sinceYear: z.number().int().min(1850).max(2100).nullable(),
    agreement: text(500).nullable(),
    source: z.string().min(1, 'is required').max(500),
    note: text(2000).nullable(),
    importedAt: text(40).nullable(),
  })
  .strict()
  .refine((a) => a.aCode !== a.bCode, { message: 'a municipality cannot partner with itself', path: ['bCode'] });

const indicatorSchema = z
  .object({
    id: z.string().regex(/^ind-[0-9a-f]{10}$/, 'must be an indicator id such as "ind-0123456789"'),
    name: z.string().trim().min(1, 'is required').max(80, 'must be at most 80 characters'),
    unit: text(20),
    note: text(500),
    fileName: text(200),
    createdAt: text(40),
    values: z.record(code, z.number().finite('must be a finite number')),
  })
  .strict();

/** A backup file: what `user:export` writes and `user:import` reads. */
export const userDataSchema = z
  .object({
    format: z.literal(userDataFormat, { message: `must be "${userDataFormat}" (is this a backup of the atlas's user data?)` }),
    version: z.literal(userDataVersion, { message: `must be ${userDataVersion}; this atlas reads backups of version ${userDataVersion}` }),
    exportedAt: text(40),
    customRegions: z.array(groupingSchema),
    agreements: z.array(agreementSchema),
    /** Presenters' own stories (absent from backups made before stories could be saved). */
    stories: z.array(storySchema).default([]),
    /** Own indicators (absent from backups made before indicators could be saved). */
    indicators: z.array(indicatorSchema).default([]),
  })
  .strict();
export type UserData = z.infer<typeof userDataSchema>;
type Grouping = UserData['customRegions'][number];
type Agreement = UserData['agreements'][number];

/** A backup that cannot be restored; `problems` lists each reason with where in the file it is. */
export class UserDataError extends Error {
  constructor(readonly problems: string[]) {
    super(`${problems.length} problem${problems.length === 1 ? '' : 's'}: ${problems.slice(0, 20).join('; ')}${problems.length > 20 ? '; …' : ''}`);
  }
}

/**
 * Everything in the user store, including rows this build cannot show (a member code it does not know).
 * @example (await exportUserData(db)).customRegions[0].memberCodes // ['34205', '34207']
 */
export async function exportUserData(db: AtlasDb): Promise<UserData> {
  const stored = await storedData((sql) => db.all(sql));
  return {
    format: userDataFormat,
    version: userDataVersion,
    exportedAt: new Date().toISOString(),
    customRegions: stored.customRegions.sort((x, y) => x.createdAt.localeCompare(y.createdAt) || x.id.localeCompare(y.id)),
    agreements: stored.agreements.sort((x, y) => x.id.localeCompare(y.id)),
    stories: stored.stories,
    indicators: stored.indicators.sort((x, y) => x.createdAt.localeCompare(y.createdAt) || x.id.localeCompare(y.id)),
  };
}

/**
 * The agreements as CSV with the columns the import reads (codes, and names from the build attached now for people),
 * formula-safe for spreadsheets. The JSON is the exact backup; this is for reading and re-uploading.
 */
export async function agreementsCsv(db: AtlasDb, data: UserData): Promise<string> {
  const names = new Map(
    (
      await db.all<{ code: string; name: string; pref: string }>(
        `SELECT code, name, pref_name AS pref FROM municipalities UNION ALL SELECT code || '000', name, name FROM prefectures`,
      )
    ).map((r) => [r.code, r]),
  );
  const side = (c: string) => [c, names.get(c)?.pref ?? '', names.get(c)?.name ?? ''];
  return formatSpreadsheetCsv(
    ['id', 'a_code', 'a_prefecture', 'a_name', 'b_code', 'b_prefecture', 'b_name', 'kind', 'year', 'agreement', 'note', 'source'],
    data.agreements.map((a) => [a.id, ...side(a.aCode), ...side(a.bCode), a.kind, a.sinceYear, a.agreement, a.note, a.source]),
  );
}

/** Zod issues as "customRegions[2].memberCodes[0]: must be a 5-digit code …". */
function issues(error: z.ZodError): string[] {
  return error.issues.map((i) => `${i.path.reduce<string>((p, k) => (typeof k === 'number' ? `${p}[${k}]` : p ? `${p}.${String(k)}` : String(k)), '') || 'file'}: ${i.message}`);
}

/** Repeats inside the file: the same id twice, or the same pair and kind under two ids. */
function repeats(data: UserData): string[] {
  const out: string[] = [];
  const seen = (what: string, values: string[]) => {
    const first = new Map<string, number>();
    values.forEach((v, i) => {
      if (first.has(v)) out.push(`${what}[${i}]: repeats ${what}[${first.get(v)}] (${v})`);
      else first.set(v, i);
    });
  };
  seen(
    'customRegions',
    data.customRegions.map((g) => g.id),
  );
  seen(
    'agreements',
    data.agreements.map((a) => a.id),
  );
  seen(
    'agreements',
    data.agreements.map((a) => pairKey(a.aCode, a.bCode, a.kind)),
  );
  seen(
    'stories',
    data.stories.map((s) => s.id),
  );
  seen(
    'indicators',
    data.indicators.map((x) => x.id),
  );
  return out;
}

const sameGrouping = (g: Grouping, stored: Grouping) =>
  JSON.stringify({ ...g, memberCodes: [...g.memberCodes].sort() }) === JSON.stringify({ ...stored, memberCodes: [...stored.memberCodes].sort() });
const sameAgreement = (a: Agreement, stored: Agreement) => JSON.stringify(a) === JSON.stringify(stored);

/**
 * Restores a backup in one transaction of the user store: every record is checked first (the whole file against the
 * schema, then against what the store holds), and one problem anywhere writes nothing. A record already stored
 * unchanged is skipped, so restoring the same file twice changes nothing; a different record under a stored id, or an
 * agreement whose pair and kind the store holds under another id, is a conflict. With `replace`, the store's user
 * data is replaced by the file's. Totals and outlines are left for `refreshCustomRegions` (stamped with no build).
 * @returns what was added and what was already there
 */
export async function importUserData(
  db: AtlasDb,
  json: unknown,
  options: { replace?: boolean } = {},
): Promise<{
  regions: { added: number; unchanged: number };
  agreements: { added: number; unchanged: number };
  stories: { added: number; unchanged: number };
  indicators: { added: number; unchanged: number };
  unknownCodes: string[];
}> {
  const parsed = userDataSchema.safeParse(json);
  if (!parsed.success) throw new UserDataError(issues(parsed.error));
  const data = parsed.data;
  const inFile = repeats(data);
  if (inFile.length) throw new UserDataError(inFile);
  const known = new Set((await db.all<{ code: string }>(`SELECT code FROM municipalities UNION ALL SELECT code || '000' FROM prefectures`)).map((r) => r.code));
  const codes = [
    ...data.customRegions.flatMap((g) => g.memberCodes),
    ...data.agreements.flatMap((a) => [a.aCode, a.bCode]),
    ...data.indicators.flatMap((x) => Object.keys(x.values)),
  ];
  const unknownCodes = [...new Set(codes.filter((c) => !known.has(c)))].sort();
  return db.transaction(async (run) => {
    if (options.replace) {
      for (const t of [userTables.customRegionMembers, userTables.customRegions, userTables.importedExchanges, userTables.userStories, userTables.userIndicators])
        await run(`DELETE FROM ${userTable(t)}`);
    }
    const stored = await storedData(run);
    const problems: string[] = [];
    const regionsById = new Map(stored.customRegions.map((g) => [g.id, g]));
    const newRegions = data.customRegions.filter((g, i) => {
      const old = regionsById.get(g.id);
      if (old && !sameGrouping(g, old))
        problems.push(`customRegions[${i}]: the store holds a different grouping with id ${g.id} ("${old.name}"); restore with --replace to overwrite`);
      return !old;
    });
    const agreementsById = new Map(stored.agreements.map((a) => [a.id, a]));
    const idByPair = new Map(stored.agreements.map((a) => [pairKey(a.aCode, a.bCode, a.kind), a.id]));
    const newAgreements = data.agreements.filter((a, i) => {
      const old = agreementsById.get(a.id);
      const holder = idByPair.get(pairKey(a.aCode, a.bCode, a.kind));
      if (old && !sameAgreement(a, old)) problems.push(`agreements[${i}]: the store holds a different agreement with id ${a.id}; restore with --replace to overwrite`);
      else if (!old && holder) problems.push(`agreements[${i}]: the store holds this ${a.kind} agreement of ${a.aCode} and ${a.bCode} as ${holder}`);
      return !old;
    });
    const storiesById = new Map(stored.stories.map((st) => [st.id, st]));
    const newStories = data.stories.filter((st, i) => {
      const old = storiesById.get(st.id);
      if (old && JSON.stringify(old) !== JSON.stringify(st))
        problems.push(`stories[${i}]: the store holds a different story with id ${st.id}; restore with --replace to overwrite`);
      return !old;
    });
    const indicatorsById = new Map(stored.indicators.map((x) => [x.id, x]));
    const newIndicators = data.indicators.filter((x, i) => {
      const old = indicatorsById.get(x.id);
      if (old && JSON.stringify(old) !== JSON.stringify(x))
        problems.push(`indicators[${i}]: the store holds a different indicator with id ${x.id} ("${old.name}"); restore with --replace to overwrite`);
      return !old;
    });
    if (problems.length) throw new UserDataError(problems);
    await insertRows(
      run,
      userTables.userIndicators,
      newIndicators.map(({ values, ...x }): UserIndicatorRow => ({ ...x, valuesJson: JSON.stringify(values) })),
    );
    const now = new Date().toISOString();
    await insertRows(
      run,
      userTables.userStories,
      newStories.map((st): UserStoryRow => ({ id: st.id, storyJson: JSON.stringify(st), createdAt: now, updatedAt: now })),
    );
    await insertRows(
      run,
      userTables.customRegions,
      newRegions.map(
        (g): CustomRegionRow => ({
          id: g.id,
          name: g.name,
          centerCodes: g.centerCodes.join(';'),
          note: g.note,
          createdAt: g.createdAt,
          population: 0,
          areaKm2: 0,
          memberCount: g.memberCodes.length,
          centerShare: null,
          outline: '{"type":"MultiPolygon","coordinates":[]}',
          derivedFrom: '',
        }),
      ),
    );
    await insertRows(
      run,
      userTables.customRegionMembers,
      newRegions.flatMap((g) => g.memberCodes.map((c): CustomRegionMemberRow => ({ regionId: g.id, code: c, role: g.centerCodes.includes(c) ? 'center' : 'member' }))),
    );
    await insertRows(
      run,
      userTables.importedExchanges,
      newAgreements.map((a): ImportedExchangeRow => ({ ...a, pairKey: pairKey(a.aCode, a.bCode, a.kind) })),
    );
    return {
      regions: { added: newRegions.length, unchanged: data.customRegions.length - newRegions.length },
      agreements: { added: newAgreements.length, unchanged: data.agreements.length - newAgreements.length },
      stories: { added: newStories.length, unchanged: data.stories.length - newStories.length },
      indicators: { added: newIndicators.length, unchanged: data.indicators.length - newIndicators.length },
      unknownCodes,
    };
  });
}

/** The store's user data as a backup holds it (members in code order), through `read` (a query or a transaction's run). */
async function storedData(read: Run): Promise<Pick<UserData, 'customRegions' | 'agreements' | 'stories' | 'indicators'>> {
  const indicators = (await read(`SELECT * FROM ${userTable(userTables.userIndicators)} ORDER BY created_at, id`)).map(indicatorFromRow);
  const stories = (await read(`SELECT story_json FROM ${userTable(userTables.userStories)} ORDER BY created_at, id`)).map((r) => JSON.parse(String(r.story_json)) as Story);
  const regions = await read(`SELECT id, name, note, center_codes, created_at FROM ${userTable(userTables.customRegions)}`);
  const members = await read(`SELECT region_id, code FROM ${userTable(userTables.customRegionMembers)} ORDER BY region_id, code`);
  const agreements = await read(
    `SELECT id, a_code, b_code, a_former_name, b_former_name, kind, since_year, agreement, source, note, imported_at FROM ${userTable(userTables.importedExchanges)}`,
  );
  const textOrNull = (v: unknown) => (v === null ? null : String(v));
  return {
    stories,
    indicators,
    customRegions: regions.map((r) => ({
      id: String(r.id),
      name: String(r.name),
      note: String(r.note ?? ''),
      centerCodes: r.center_codes ? String(r.center_codes).split(';') : [],
      memberCodes: members.filter((m) => m.region_id === r.id).map((m) => String(m.code)),
      createdAt: String(r.created_at ?? ''),
    })),
    agreements: agreements.map((a) => ({
      id: String(a.id),
      aCode: String(a.a_code),
      bCode: String(a.b_code),
      aFormerName: textOrNull(a.a_former_name),
      bFormerName: textOrNull(a.b_former_name),
      kind: a.kind as ExchangeKind,
      sinceYear: a.since_year === null ? null : Number(a.since_year),
      agreement: textOrNull(a.agreement),
      source: String(a.source),
      note: textOrNull(a.note),
      importedAt: textOrNull(a.imported_at),
    })),
  };
}
