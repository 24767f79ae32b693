/**
 * The 47 prefectures with their two-digit JIS X 0401 codes, and the five-character code the seeds
 * use for a prefecture that is itself a partner (e.g. 長野県 with 世田谷区): the two digits + "000".
 * No municipality code ends in "000", so the two kinds of code never collide.
 *
 * @example
 * prefecturePartnerCode('長野県') // '20000'
 * isPrefecturePartnerCode('20000') // true
 */
export const PREFECTURES: readonly (readonly [code: string, name: string])[] = [
  ['01', '北海道'],
  ['02', '青森県'],
  ['03', '岩手県'],
  ['04', '宮城県'],
  ['05', '秋田県'],
  ['06', '山形県'],
  ['07', '福島県'],
  ['08', '茨城県'],
  ['09', '栃木県'],
  ['10', '群馬県'],
  ['11', '埼玉県'],
  ['12', '千葉県'],
  ['13', '東京都'],
  ['14', '神奈川県'],
  ['15', '新潟県'],
  ['16', '富山県'],
  ['17', '石川県'],
  ['18', '福井県'],
  ['19', '山梨県'],
  ['20', '長野県'],
  ['21', '岐阜県'],
  ['22', '静岡県'],
  ['23', '愛知県'],
  ['24', '三重県'],
  ['25', '滋賀県'],
  ['26', '京都府'],
  ['27', '大阪府'],
  ['28', '兵庫県'],
  ['29', '奈良県'],
  ['30', '和歌山県'],
  ['31', '鳥取県'],
  ['32', '島根県'],
  ['33', '岡山県'],
  ['34', '広島県'],
  ['35', '山口県'],
  ['36', '徳島県'],
  ['37', '香川県'],
  ['38', '愛媛県'],
  ['39', '高知県'],
  ['40', '福岡県'],
  ['41', '佐賀県'],
  ['42', '長崎県'],
  ['43', '熊本県'],
  ['44', '大分県'],
  ['45', '宮崎県'],
  ['46', '鹿児島県'],
  ['47', '沖縄県'],
];

const CODE_BY_NAME = new Map(PREFECTURES.map(([code, name]) => [name, code]));
const NAME_BY_CODE = new Map(PREFECTURES.map(([code, name]) => [code, name]));

/** Two-digit code of a prefecture name, or undefined for anything else. */
export function prefectureCode(name: string): string | undefined {
  return CODE_BY_NAME.get(name);
}

/** Prefecture name of a two-digit code, or undefined. */
export function prefectureName(code: string): string | undefined {
  return NAME_BY_CODE.get(code);
}

/** Five-character partner code of a prefecture ("20000" for 長野県), or undefined for a non-prefecture. */
export function prefecturePartnerCode(name: string): string | undefined {
  const code = CODE_BY_NAME.get(name);
  return code === undefined ? undefined : `${code}000`;
}

/** True for "01000" … "47000". */
export function isPrefecturePartnerCode(code: string): boolean {
  return code.length === 5 && code.endsWith('000') && NAME_BY_CODE.has(code.slice(0, 2));
}
