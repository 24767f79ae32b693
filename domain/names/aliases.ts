/**
 * Former municipalities checked by hand against the seed documents and fact tables. The resolver
 * (resolver.ts) takes them as data beside every change since 1970 compiled by the pipeline
 * (data/municipal-changes.ts), which agrees with each of them (data/municipal-changes.test.ts); variant
 * spellings (梼原町 for 檮原町) need no table, the search folding (variants.ts) covers them.
 */

/** A municipality that no longer exists under this name, and where it went. */
export interface FormerMunicipality {
  prefecture: string;
  former: string;
  /** Today's municipality (as spelled in the master). */
  current: string;
  year: number;
  change: 'merged' | 'renamed';
}

/**
 * Former municipalities met in the fact tables and seed documents. The importer looks for these
 * names in a pair's note to fill `a_former_name` / `b_former_name`, and accepts them as input names
 * (resolving to `current`). Keyed by prefecture because names repeat (岩手県東和町, 福島県東和町).
 */
export const FORMER_MUNICIPALITIES: readonly FormerMunicipality[] = [
  // Seed documents (README of the seeds)
  { prefecture: '新潟県', former: '川口町', current: '長岡市', year: 2010, change: 'merged' },
  { prefecture: '山梨県', former: '高根町', current: '北杜市', year: 2004, change: 'merged' },
  { prefecture: '鹿児島県', former: '山川町', current: '指宿市', year: 2006, change: 'merged' },
  { prefecture: '岩手県', former: '東和町', current: '花巻市', year: 2006, change: 'merged' },
  // Met in facts/domestic_exchange_pairs.csv notes
  { prefecture: '北海道', former: '風連町', current: '名寄市', year: 2006, change: 'merged' },
  { prefecture: '北海道', former: '大滝村', current: '伊達市', year: 2006, change: 'merged' },
  { prefecture: '北海道', former: '上湧別町', current: '湧別町', year: 2009, change: 'merged' },
  { prefecture: '北海道', former: '洞爺村', current: '洞爺湖町', year: 2006, change: 'merged' },
  { prefecture: '青森県', former: '十和田湖町', current: '十和田市', year: 2005, change: 'merged' },
  { prefecture: '宮城県', former: '古川市', current: '大崎市', year: 2006, change: 'merged' },
  { prefecture: '宮城県', former: '松山町', current: '大崎市', year: 2006, change: 'merged' },
  { prefecture: '宮城県', former: '岩出山町', current: '大崎市', year: 2006, change: 'merged' },
  { prefecture: '山形県', former: '藤島町', current: '鶴岡市', year: 2005, change: 'merged' },
  { prefecture: '福島県', former: '東和町', current: '二本松市', year: 2005, change: 'merged' },
  { prefecture: '福島県', former: '新鶴村', current: '会津美里町', year: 2005, change: 'merged' },
  { prefecture: '福島県', former: '会津高田町', current: '会津美里町', year: 2005, change: 'merged' },
  { prefecture: '群馬県', former: '吾妻町', current: '東吾妻町', year: 2006, change: 'merged' },
  { prefecture: '群馬県', former: '尾島町', current: '太田市', year: 2005, change: 'merged' },
  { prefecture: '埼玉県', former: '荒川村', current: '秩父市', year: 2005, change: 'merged' },
  { prefecture: '埼玉県', former: '与野市', current: 'さいたま市', year: 2001, change: 'merged' },
  { prefecture: '千葉県', former: '岬町', current: 'いすみ市', year: 2005, change: 'merged' },
  { prefecture: '千葉県', former: '白浜町', current: '南房総市', year: 2006, change: 'merged' },
  { prefecture: '新潟県', former: '吉川町', current: '上越市', year: 2005, change: 'merged' },
  { prefecture: '新潟県', former: '荒川町', current: '村上市', year: 2008, change: 'merged' },
  { prefecture: '新潟県', former: '小出町', current: '魚沼市', year: 2004, change: 'merged' },
  { prefecture: '新潟県', former: '小国町', current: '長岡市', year: 2005, change: 'merged' },
  { prefecture: '富山県', former: '下村', current: '射水市', year: 2005, change: 'merged' },
  { prefecture: '富山県', former: '利賀村', current: '南砺市', year: 2004, change: 'merged' },
  { prefecture: '富山県', former: '福野町', current: '南砺市', year: 2004, change: 'merged' },
  { prefecture: '長野県', former: '豊科町', current: '安曇野市', year: 2005, change: 'merged' },
  { prefecture: '長野県', former: '三郷村', current: '安曇野市', year: 2005, change: 'merged' },
  { prefecture: '長野県', former: '高遠町', current: '伊那市', year: 2006, change: 'merged' },
  { prefecture: '長野県', former: '真田町', current: '上田市', year: 2006, change: 'merged' },
  { prefecture: '長野県', former: '武石村', current: '上田市', year: 2006, change: 'merged' },
  { prefecture: '愛知県', former: '吉良町', current: '西尾市', year: 2011, change: 'merged' },
  { prefecture: '三重県', former: '長島町', current: '桑名市', year: 2004, change: 'merged' },
  { prefecture: '兵庫県', former: '出石町', current: '豊岡市', year: 2005, change: 'merged' },
  { prefecture: '兵庫県', former: '篠山市', current: '丹波篠山市', year: 2019, change: 'renamed' },
  { prefecture: '島根県', former: '東出雲町', current: '松江市', year: 2011, change: 'merged' },
  { prefecture: '島根県', former: '美保関町', current: '松江市', year: 2005, change: 'merged' },
  { prefecture: '香川県', former: '財田町', current: '三豊市', year: 2006, change: 'merged' },
  { prefecture: '愛媛県', former: '野村町', current: '西予市', year: 2004, change: 'merged' },
  { prefecture: '沖縄県', former: '平良市', current: '宮古島市', year: 2005, change: 'merged' },
];
