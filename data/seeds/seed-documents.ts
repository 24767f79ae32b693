/**
 * Facts taken from the five seed documents (../shared/seeds/00*.txt), written as our own
 * structured rows: who partners with whom, and which groupings the documents name. No prose is
 * copied; each row names its document in `source`.
 *
 * Names are spelled as printed in the document; the importer resolves them against the master
 * (former municipalities such as 川口町 → 長岡市 via aliases.ts). Where the document misprints a
 * name, the row uses the correct name and says so in `note`.
 *
 * A party that is not a municipality (a company or NPO whose document gives only its prefecture)
 * is entered as that prefecture, { pref: '東京都', name: '東京都' }, with the actor named in `note`.
 * A company's or organisation's link to the places where it works is of kind `organisation`: it is not an
 * agreement between the two municipalities.
 */
import type { ExchangeKind } from './schema.ts';

/** The seed documents, by what they are. */
export const SEED_DOCS = {
  urbanRuralSurvey: '000_bf0aa67e4f4a965a.txt',
  exchangePamphlet2006: '001_0c90d4750b6046d5.txt',
  relationshipBriefing2019: '002_57fe8b12f6463796.txt',
  setagayaForum2022: '003_ac0dbb940c349c56.txt',
  relationshipModels2020: '004_65cae2738d8d2cf6.txt',
} as const;
export type SeedDoc = (typeof SEED_DOCS)[keyof typeof SEED_DOCS];

/** A municipality (or a prefecture standing for a non-municipal actor) as the document names it. */
export interface SeedPlace {
  pref: string;
  name: string;
  /** Said of this place only (e.g. a misprint corrected). */
  note?: string;
}

export interface SeedExchange {
  source: SeedDoc;
  a: SeedPlace;
  b: SeedPlace;
  kind: ExchangeKind;
  sinceYear?: number;
  agreement: string;
  note?: string;
}

export interface SeedGrouping {
  /** `seed-<doc number>-<ascii slug>`, stable. */
  id: string;
  source: SeedDoc;
  name: string;
  /** Date or year the document describes the grouping at. */
  asOf: string;
  /** Proposing or central municipality, when the document names one among the members. */
  centers: SeedPlace[];
  members: SeedPlace[];
  /** Expand to every municipality of this prefecture (document says "all municipalities of …"). */
  allOfPrefecture?: string;
  note: string;
}

/** A case a document describes that has no municipality on one side; kept here so it is not lost. */
export interface UnplacedCase {
  source: SeedDoc;
  case: string;
  reason: string;
}

const S000 = SEED_DOCS.urbanRuralSurvey;
const S001 = SEED_DOCS.exchangePamphlet2006;
const S002 = SEED_DOCS.relationshipBriefing2019;
const S003 = SEED_DOCS.setagayaForum2022;
const S004 = SEED_DOCS.relationshipModels2020;

/** Shorthand: places of one prefecture. */
function inPref(pref: string, ...names: string[]): SeedPlace[] {
  return names.map((name) => ({ pref, name }));
}
function at(pref: string, name: string, note?: string): SeedPlace {
  return note === undefined ? { pref, name } : { pref, name, note };
}

const TOKYO = at('東京都', '東京都');

// ---------------------------------------------------------------------------------------------
// Exchanges
// ---------------------------------------------------------------------------------------------

const RP2018 = '「関係人口」創出事業 モデル事業 (平成30年度)';
const RP2019 = '関係人口創出・拡大事業 モデル事業 (令和元年度)';
const RP2020 = '関係人口創出・拡大のための対流促進事業 モデル事業 (令和2年度, 内閣府)';

/** Pairs in the documents. Pairs already in facts/domestic_exchange_pairs.csv merge into that row. */
export const SEED_EXCHANGES: readonly SeedExchange[] = [
  // 000: ten cases of city-side support for urban–rural exchange
  {
    source: S000,
    a: TOKYO,
    b: at('北海道', '天塩町'),
    kind: 'organisation',
    agreement: '海と顔の見える食育・学校給食 (漁村からの給食食材調達・漁師の出前授業)',
    note: 'case 1: city-side actor is 株式会社エステム (a company in 東京都); further fishing areas (ほか) not named',
  },
  {
    source: S000,
    a: TOKYO,
    b: at('山梨県', '北杜市'),
    kind: 'organisation',
    agreement: '空と土プロジェクト (社員・ビル入居者の農業体験交流)',
    note: 'case 2: city-side actor is 三菱地所株式会社 (a company in 東京都)',
  },
  {
    source: S000,
    a: TOKYO,
    b: at('長野県', '飯山市'),
    kind: 'organisation',
    agreement: '震災あんぜんパック (会費制で災害時の疎開先を確保)',
    note: 'case 3: city-side actor is NPO 全国商店街まちづくり実行委員会 (東京都); further areas (ほか) not named',
  },
  {
    source: S000,
    a: TOKYO,
    b: at('新潟県', '魚沼市'),
    kind: 'organisation',
    agreement: '震災あんぜんパック (会費制で災害時の疎開先を確保)',
    note: 'case 3: city-side actor is NPO 全国商店街まちづくり実行委員会 (東京都)',
  },
  {
    source: S000,
    a: at('大阪府', '大阪府'),
    b: at('島根県', '江津市'),
    kind: 'organisation',
    agreement: '社員研修と CSR (農業・地域支援活動を通じた交流)',
    note: 'case 5: city-side actor is ドクターリセラ株式会社 (a company in 大阪府)',
  },
  { source: S000, a: at('千葉県', '流山市'), b: at('福島県', '相馬市'), kind: 'sister', agreement: '姉妹都市', note: 'case 6' },
  { source: S000, a: at('千葉県', '流山市'), b: at('長野県', '信濃町'), kind: 'sister', agreement: '姉妹都市', note: 'case 6' },
  {
    source: S000,
    a: at('長野県', '信濃町'),
    b: at('福島県', '相馬市'),
    kind: 'other',
    sinceYear: 2011,
    agreement: '被災地支援 (流山市の仲介)',
    note: 'case 6: after the 2011 earthquake 流山市, sister city of both, brokered support from 信濃町 to 相馬市; a three-way exchange grew from it (partners of partners)',
  },
  {
    source: S000,
    a: at('東京都', '北区'),
    b: at('群馬県', '甘楽町'),
    kind: 'other',
    agreement: '食交流事業 (給食等)',
    note: 'case 7: includes recycling 北区 food waste into fertiliser for vegetables served in school meals',
  },
  { source: S000, a: at('東京都', '世田谷区'), b: at('群馬県', '川場村'), kind: 'partnership', agreement: '世田谷・川場縁組協定', note: 'case 8' },
  { source: S000, a: at('東京都', '世田谷区'), b: at('群馬県', '川場村'), kind: 'disaster_aid', agreement: '災害時相互応援協定', note: 'case 8' },
  {
    source: S000,
    a: at('東京都', '狛江市'),
    b: at('新潟県', '長岡市', 'document names 長岡市川口地域 (the former 川口町)'),
    kind: 'friendship',
    agreement: 'ふるさと友好都市',
    note: 'case 9',
  },
  {
    source: S000,
    a: at('東京都', '狛江市'),
    b: at('新潟県', '長岡市', 'document names 長岡市川口地域 (the former 川口町)'),
    kind: 'disaster_aid',
    agreement: '災害時相互応援協定',
    note: 'case 9',
  },
  { source: S000, a: at('神奈川県', '相模原市'), b: at('岩手県', '大船渡市'), kind: 'other', sinceYear: 2011, agreement: '被災地応援 (壁新聞交流から発展)', note: 'case 10' },

  // 001: 総務省 pamphlet (2006), detailed pairs
  { source: S001, a: at('群馬県', '川場村'), b: at('東京都', '世田谷区'), kind: 'partnership', sinceYear: 1981, agreement: '区民健康村相互協力に関する協定 (縁組協定)' },
  { source: S001, a: at('新潟県', '川口町'), b: at('東京都', '狛江市'), kind: 'friendship', sinceYear: 1987, agreement: 'ふるさと友好都市提携' },
  {
    source: S001,
    a: at('新潟県', '川口町'),
    b: at('東京都', '狛江市'),
    kind: 'disaster_aid',
    sinceYear: 1988,
    agreement: '災害時相互応援協定',
    note: '狛江市 volunteer fire corps were first to arrive after the 2004 新潟県中越地震 (about 210 km apart)',
  },
  {
    source: S001,
    a: at('山梨県', '高根町'),
    b: at('東京都', '羽村市'),
    kind: 'sister',
    sinceYear: 1996,
    agreement: '姉妹都市提携',
    note: 'exchange grew around 羽村市自然休暇村 in 清里 (opened 1989)',
  },
  {
    source: S001,
    a: at('奈良県', '川上村'),
    b: at('和歌山県', '和歌山市'),
    kind: 'partnership',
    sinceYear: 2003,
    agreement: '吉野川・紀の川水源地保護に関する協定',
    note: 'upstream water-source village and downstream city',
  },
  {
    source: S001,
    a: at('鹿児島県', '山川町'),
    b: at('北海道', '倶知安町'),
    kind: 'sister',
    sinceYear: 1995,
    agreement: '姉妹都市',
    note: 'sweet potato and potato towns about 1,600 km apart',
  },
  { source: S001, a: at('岩手県', '東和町'), b: at('神奈川県', '川崎市'), kind: 'other', agreement: '自治体間交流 (ふれあいサマーキャンプ, 中学校農家生活体験学習)' },

  // 003: 世田谷区 forum 2022 — the participating municipalities and 長野県
  ...[
    at('北海道', '厚真町'),
    at('山形県', '舟形町'),
    at('福島県', '二本松市'),
    at('福島県', '西会津町'),
    at('茨城県', 'つくば市'),
    at('群馬県', '川場村'),
    at('神奈川県', '川崎市'),
    at('千葉県', '君津市'),
    at('新潟県', '十日町市'),
    at('新潟県', '南魚沼市'),
    at('新潟県', '津南町'),
    at('長野県', '長野県'),
    at('長野県', '豊丘村'),
    at('静岡県', '富士宮市'),
    at('岡山県', '津山市'),
    at('島根県', '隠岐の島町'),
  ].map(
    (b): SeedExchange =>
      b.name === '川場村'
        ? { source: S003, a: at('東京都', '世田谷区'), b, kind: 'partnership', sinceYear: 1981, agreement: '縁組協定' }
        : { source: S003, a: at('東京都', '世田谷区'), b, kind: 'other', agreement: '自治体間交流 (2022 交流フォーラム参加自治体)' },
  ),
  { source: S003, a: at('東京都', '世田谷区'), b: at('群馬県', '川場村'), kind: 'disaster_aid', sinceYear: 1995, agreement: '災害時相互援助協定', note: 'reaffirmed 2011' },

  // 002: 関係人口 model projects that link the proposer with a municipality elsewhere
  {
    source: S002,
    a: at('秋田県', '湯沢市'),
    b: at('神奈川県', '横浜市'),
    kind: 'relationship_population',
    sinceYear: 2019,
    agreement: `${RP2019} 裾野拡大型`,
    note: '湯沢市 proposed it with 横浜市; 横浜リビングラボ acts as 関係案内人',
  },
  {
    source: S002,
    a: at('滋賀県', '長浜市'),
    b: at('東京都', '台東区'),
    kind: 'relationship_population',
    sinceYear: 2019,
    agreement: `${RP2019} 関係深化型 (ゆかり型)`,
    note: 'links people of 台東区 with 長浜市 entrepreneurs and creators',
  },
  {
    source: S002,
    a: at('長野県', '東御市'),
    b: at('神奈川県', '横浜市'),
    kind: 'relationship_population',
    sinceYear: 2019,
    agreement: `${RP2019} 裾野拡大型`,
    note: 'target: residents of the 上郷ネオポリス new town in 横浜市',
  },
  {
    source: S002,
    a: at('島根県', '邑南町'),
    b: at('広島県', '広島市'),
    kind: 'relationship_population',
    sinceYear: 2018,
    agreement: `${RP2018} パターン(2)`,
    note: '邑南町 opened a 関係案内所 in 広島市',
  },
  {
    source: S002,
    a: at('島根県', '邑南町'),
    b: at('島根県', '松江市'),
    kind: 'relationship_population',
    sinceYear: 2018,
    agreement: `${RP2018} パターン(2)`,
    note: '邑南町 opened a 関係案内所 in 松江市',
  },

  // 004: each organisation's home municipality → its project areas (FY2020), kind organisation
  ...rp2020(at('島根県', '松江市'), '株式会社シーズ総合政策研究所', inPref('島根県', '浜田市', '江津市')),
  ...rp2020(at('新潟県', '長岡市'), '公益社団法人中越防災安全推進機構', inPref('新潟県', '新潟市', '村上市', '出雲崎町')),
  ...rp2020(at('東京都', '港区'), '株式会社日本能率協会総合研究所', inPref('山口県', '山口市', '周防大島町')),
  ...rp2020(at('岩手県', '遠野市'), '株式会社Next Commons', [at('石川県', '加賀市')], '遠野市 itself is also a project area'),
  ...rp2020(at('東京都', '墨田区'), '一般社団法人熱中学園', [
    ...inPref('北海道', '東川町', '更別村'),
    at('宮城県', '丸森町'),
    at('千葉県', '銚子市'),
    at('富山県', '高岡市'),
    at('和歌山県', '上富田町'),
    at('鳥取県', '琴浦町'),
    at('徳島県', '上板町'),
    at('高知県', '越知町'),
    at('熊本県', '人吉市'),
    at('宮崎県', '小林市'),
  ]),
  ...rp2020(at('宮城県', '石巻市'), '合同会社巻組', [at('島根県', '雲南市')], '石巻市 itself is also a project area'),
  ...rp2020(at('東京都', '港区'), '一般社団法人離島百貨店', [at('新潟県', '粟島浦村'), at('山梨県', '丹波山村'), at('島根県', '隠岐の島町')]),
];

function rp2020(home: SeedPlace, organisation: string, areas: SeedPlace[], extra?: string): SeedExchange[] {
  return areas.map((b) => ({
    source: S004,
    a: home,
    b,
    kind: 'organisation' as const,
    sinceYear: 2020,
    agreement: RP2020,
    note: `organisation ${organisation} (based in ${home.name}) runs the project in ${b.name}${extra ? `; ${extra}` : ''}`,
  }));
}

/** Cases that name no municipality on one side; reported by the importer, listed in seeds/README.md. */
export const UNPLACED_CASES: readonly UnplacedCase[] = [
  {
    source: S000,
    case: 'case 4: ユーコープ事業連合 (神奈川県 and others) with 東北各地 (まるごと産直)',
    reason: 'the rural side is "various places in 東北", no municipality named',
  },
];

// ---------------------------------------------------------------------------------------------
// Groupings
// ---------------------------------------------------------------------------------------------

const AS_OF_002 = '2019-11-17'; // date of the 総務省 briefing

export const SEED_GROUPINGS: readonly SeedGrouping[] = [
  // 新たな広域連携促進事業 (令和元年度 委託団体 and earlier examples)
  {
    id: 'seed-002-nagano',
    source: S002,
    asOf: AS_OF_002,
    name: '長野市と周辺8市町村（新たな広域連携促進事業 令和元年度）',
    centers: [at('長野県', '長野市')],
    members: inPref('長野県', '須坂市', '千曲市', '坂城町', '小布施町', '高山村', '信濃町', '小川村', '飯綱町'),
    note: 'FY2019 委託団体 (連携中枢都市圏の形成等); region population 543,424 (長野市 377,598), 1,558 km²; theme: wildlife damage and ジビエ supply chain',
  },
  {
    id: 'seed-002-bingo',
    source: S002,
    asOf: AS_OF_002,
    name: '福山市・備後圏域（新たな広域連携モデル構築事業）',
    centers: [at('広島県', '福山市')],
    members: [...inPref('広島県', '三原市', '尾道市', '府中市', '世羅町', '神石高原町'), ...inPref('岡山県', '笠岡市', '井原市')],
    note: '委託事業 FY2014 and FY2019; population 875,682 (FY2014 table; 福山市 461,357) and 857,212 (FY2019 table; 福山市 464,811); 2,509 km²; 連携中枢都市宣言 2015-02-24, 連携協約 and ビジョン 2015-03-25; the 連携中枢都市圏 itself is ccr-34207',
  },
  {
    id: 'seed-002-takamatsu',
    source: S002,
    asOf: AS_OF_002,
    name: '高松市と周辺4市町（新たな広域連携促進事業 令和元年度）',
    centers: [at('香川県', '高松市')],
    members: inPref('香川県', 'さぬき市', '東かがわ市', '三木町', '綾川町'),
    note: 'FY2019 委託団体; population 553,345 (高松市 420,748), 872 km²; theme: regional bus network',
  },
  {
    id: 'seed-002-akita-nanshu',
    source: S002,
    asOf: AS_OF_002,
    name: '秋田県 南秋地域（都道府県と市区町村との連携 令和元年度）',
    centers: [],
    members: [
      ...inPref('秋田県', '五城目町', '八郎潟町', '井川町'),
      at('秋田県', '大潟村', 'document prints 大湯村 (no such village); 南秋地域 3町1村 are 五城目町, 八郎潟町, 井川町, 大潟村'),
    ],
    note: 'led by 秋田県 (地域連携研究会); population 22,186, 450 km²',
  },
  {
    id: 'seed-002-akita-kennan',
    source: S002,
    asOf: AS_OF_002,
    name: '秋田県 県南地域（都道府県と市区町村との連携 令和元年度）',
    centers: [],
    members: inPref('秋田県', '横手市', '湯沢市', '羽後町', '東成瀬村'),
    note: 'led by 秋田県 (地域連携研究会); population 148,170, 1,918 km²',
  },
  {
    id: 'seed-002-nara-villages',
    source: S002,
    asOf: AS_OF_002,
    name: '奈良県 簡易水道エリア11村（都道府県と市区町村との連携 令和元年度）',
    centers: [],
    members: inPref('奈良県', '山添村', '曾爾村', '御杖村', '黒滝村', '天川村', '野迫川村', '十津川村', '下北山村', '上北山村', '川上村', '東吉野村'),
    note: "led by 奈良県; population 15,847, 2,053 km²; a joint public-private operator for the 11 villages' small water systems",
  },
  {
    id: 'seed-002-nagasaki',
    source: S002,
    asOf: AS_OF_002,
    name: '長崎県と県内全21市町（都道府県と市区町村との連携 令和元年度）',
    centers: [],
    members: [],
    allOfPrefecture: '長崎県',
    note: 'led by 長崎県; population 1,377,187, 4,131 km²; specialist staff and shared AI/RPA; members expanded from the municipality master (document: 県内全21市町)',
  },
  {
    id: 'seed-002-yokohama',
    source: S002,
    asOf: AS_OF_002,
    name: '横浜市と近隣7市（三大都市圏における双務的な役割分担 令和元年度）',
    centers: [at('神奈川県', '横浜市')],
    members: [...inPref('神奈川県', '川崎市', '横須賀市', '鎌倉市', '藤沢市', '逗子市', '大和市'), at('東京都', '町田市')],
    note: "FY2019 委託団体; population 6,926,251 (横浜市 3,724,844), 907 km²; joint study of the 8 cities' challenges around 2040",
  },
  {
    id: 'seed-002-kamo',
    source: S002,
    asOf: AS_OF_002,
    name: '静岡県 賀茂地域 1市5町（都道府県による補完）',
    centers: [],
    members: [at('静岡県', '下田市'), ...inPref('静岡県', '東伊豆町', '河津町', '南伊豆町', '松崎町', '西伊豆町')],
    note: '静岡県 with 1市5町: 連携協約 for a jointly run 消費生活センター, joint tax collection, 指導主事 jointly placed by the 5 towns (FY2017-), joint 地籍調査 and 地域包括ケア; the document says 1市5町 without naming them: members are the six municipalities of 賀茂地域',
  },
  {
    id: 'seed-002-kokubunji-kodaira',
    source: S002,
    asOf: AS_OF_002,
    name: '国分寺市・小平市（三大都市圏における広域連携）',
    centers: [],
    members: inPref('東京都', '国分寺市', '小平市'),
    note: 'FY2015 委託 (行政改革の加速): shared public facilities, open data, community buses, building administration',
  },
  {
    id: 'seed-002-tottori-disaster',
    source: S002,
    asOf: '2014',
    name: '鳥取県による補完: 災害復旧の支援（日南町・日野町・江府町・日吉津村）',
    centers: [],
    members: inPref('鳥取県', '日南町', '日野町', '江府町', '日吉津村'),
    note: 'FY2014 委託 (鳥取県): prefecture staff and technical support for disaster recovery of small towns and villages',
  },
  {
    id: 'seed-002-tottori-systems',
    source: S002,
    asOf: '2014',
    name: '鳥取県による補完: 情報システムの共同化（7町村）',
    centers: [],
    members: inPref('鳥取県', '大山町', '南部町', '伯耆町', '日南町', '日野町', '江府町', '日吉津村'),
    note: "FY2014 委託 (鳥取県): sharing the prefecture's systems with the towns and villages",
  },
  {
    id: 'seed-002-oita-kokonoe-himeshima',
    source: S002,
    asOf: '2014',
    name: '大分県による補完: 水産振興（九重町・姫島村）',
    centers: [],
    members: inPref('大分県', '九重町', '姫島村'),
    note: 'FY2014 委託 (大分県); the same example names prefecture staff posted to 両町村 (not named)',
  },
  {
    id: 'seed-002-chiba-3',
    source: S002,
    asOf: '2015',
    name: '千葉市・市原市・四街道市（三大都市圏の連携: 子育て関連事業）',
    centers: [],
    members: inPref('千葉県', '千葉市', '市原市', '四街道市'),
    note: 'FY2015 委託: liaison council on 10 child-care services',
  },
  {
    id: 'seed-002-chigasaki-samukawa',
    source: S002,
    asOf: '2017',
    name: '茅ヶ崎市・寒川町（三大都市圏の連携: 保健福祉・消防の広域化）',
    centers: [],
    members: inPref('神奈川県', '茅ヶ崎市', '寒川町'),
    note: 'FY2015 (health and welfare) and FY2017 (fire service) 委託',
  },
  {
    id: 'seed-002-kagoshima-islands',
    source: S002,
    asOf: '2017',
    name: '鹿児島県による補完: 三島村・十島村',
    centers: [],
    members: inPref('鹿児島県', '三島村', '十島村'),
    note: 'FY2017 委託 (鹿児島県): study group on services for the two outlying island villages',
  },

  // 関係人口 model projects run by several municipalities together (FY2018, 平成30年度)
  {
    id: 'seed-002-rp2018-hokkaido',
    source: S002,
    asOf: '2018',
    name: '北海道（苫小牧市ほか4町村）「関係人口」創出事業 平成30年度',
    centers: [],
    members: inPref('北海道', '苫小牧市', '長沼町', '奥尻町', '占冠村', '美幌町'),
    note: `${RP2018} パターン(1)① (ゆかり); proposed by 北海道`,
  },
  {
    id: 'seed-002-rp2018-mie',
    source: S002,
    asOf: '2018',
    name: '三重県（伊勢市ほか12市町）「関係人口」創出事業 平成30年度',
    centers: [],
    members: inPref('三重県', '伊勢市', '尾鷲市', '鳥羽市', '熊野市', '志摩市', '大台町', '玉城町', '度会町', '大紀町', '南伊勢町', '紀北町', '御浜町', '紀宝町'),
    note: `${RP2018} パターン(1)① (ゆかり); proposed by 三重県 (a virtual 度会県 for people with roots in the south of the prefecture)`,
  },
  {
    id: 'seed-002-rp2018-niigata',
    source: S002,
    asOf: '2018',
    name: '新潟県（新発田市・魚沼市）「関係人口」創出事業 平成30年度',
    centers: [],
    members: inPref('新潟県', '新発田市', '魚沼市'),
    note: `${RP2018} パターン(1)② (ふるさと納税); proposed by 新潟県`,
  },
  {
    id: 'seed-002-rp2018-iwate',
    source: S002,
    asOf: '2018',
    name: '岩手県（一関市・釜石市）「関係人口」創出事業 平成30年度',
    centers: [],
    members: inPref('岩手県', '一関市', '釜石市'),
    note: `${RP2018} パターン(2); proposed by 岩手県 (business succession)`,
  },
  {
    id: 'seed-002-rp2018-fukui',
    source: S002,
    asOf: '2018',
    name: '福井県（福井市・鯖江市・美浜町・若狭町）「関係人口」創出事業 平成30年度',
    centers: [],
    members: inPref('福井県', '福井市', '鯖江市', '美浜町', '若狭町'),
    note: `${RP2018} パターン(2); proposed by 福井県`,
  },
  {
    id: 'seed-002-rp2018-nagano',
    source: S002,
    asOf: '2018',
    name: '長野県（長野市・小川村）「関係人口」創出事業 平成30年度',
    centers: [],
    members: inPref('長野県', '長野市', '小川村'),
    note: `${RP2018} パターン(2); proposed by 長野県 (長野市 鬼無里地区 and 小川村)`,
  },
  {
    id: 'seed-002-rp2018-masuda',
    source: S002,
    asOf: '2018',
    name: '益田市（津和野町・吉賀町）「関係人口」創出事業 平成30年度',
    centers: [at('島根県', '益田市')],
    members: inPref('島根県', '津和野町', '吉賀町'),
    note: `${RP2018} パターン(2); proposed by 益田市 within 益田圏域定住自立圏`,
  },
  {
    id: 'seed-002-rp2018-tokushima',
    source: S002,
    asOf: '2018',
    name: '徳島県（美馬市・佐那河内村・美波町）「関係人口」創出事業 平成30年度',
    centers: [],
    members: inPref('徳島県', '美馬市', '佐那河内村', '美波町'),
    note: `${RP2018} パターン(2); proposed by 徳島県 (阿波おどり fans)`,
  },

  // 関係人口 model projects run by several municipalities together (FY2019, 令和元年度)
  {
    id: 'seed-002-rp2019-yamanashi',
    source: S002,
    asOf: '2019',
    name: '山梨県（山梨市・上野原市・甲州市・市川三郷町・丹波山村）関係人口創出・拡大事業 令和元年度',
    centers: [],
    members: inPref('山梨県', '山梨市', '上野原市', '甲州市', '市川三郷町', '丹波山村'),
    note: `${RP2019} 関係深化型 (ゆかり型・ふるさと納税型); proposed by 山梨県`,
  },
  {
    id: 'seed-002-rp2019-akita',
    source: S002,
    asOf: '2019',
    name: '秋田県（にかほ市・五城目町・羽後町）関係人口創出・拡大事業 令和元年度',
    centers: [],
    members: inPref('秋田県', 'にかほ市', '五城目町', '羽後町'),
    note: `${RP2019} 関係創出型; proposed by 秋田県 (residents of the 関西 area)`,
  },
  {
    id: 'seed-002-rp2019-hokkaido',
    source: S002,
    asOf: '2019',
    name: '北海道（釧路市ほか16市町）関係人口創出・拡大事業 令和元年度',
    centers: [],
    members: [
      ...inPref('北海道', '釧路市', '北見市', '岩見沢市'),
      at('北海道', '美唄市', 'the summary list prints 美唄市, the detail table 美瑛市 (no such city)'),
      ...inPref('北海道', '深川市', '富良野市', '長沼町', '秩父別町', '鷹栖町', '津別町', '斜里町', '厚真町', '浦河町', '鹿追町', '新得町', '清水町', '大樹町'),
    ],
    note: `${RP2019} 裾野拡大型; proposed by 北海道 (workation for staff of Tokyo-area companies)`,
  },
  {
    id: 'seed-002-rp2019-yuzawa',
    source: S002,
    asOf: '2019',
    name: '湯沢市（横浜市と連携）関係人口創出・拡大事業 令和元年度',
    centers: [at('秋田県', '湯沢市')],
    members: [at('神奈川県', '横浜市')],
    note: `${RP2019} 裾野拡大型; proposed by 湯沢市 with 横浜市`,
  },
  {
    id: 'seed-002-rp2019-fukuchiyama',
    source: S002,
    asOf: '2019',
    name: '福知山市（丹波市・朝来市と連携）関係人口創出・拡大事業 令和元年度',
    centers: [at('京都府', '福知山市')],
    members: inPref('兵庫県', '丹波市', '朝来市'),
    note: `${RP2019} 裾野拡大型; proposed by 福知山市 across the 京都府–兵庫県 border`,
  },
  {
    id: 'seed-002-rp2019-wakayama',
    source: S002,
    asOf: '2019',
    name: '和歌山県（田辺市・白浜町）関係人口創出・拡大事業 令和元年度',
    centers: [],
    members: inPref('和歌山県', '田辺市', '白浜町'),
    note: `${RP2019} 裾野拡大型; proposed by 和歌山県 (company training)`,
  },
  {
    id: 'seed-002-rp2019-tottori',
    source: S002,
    asOf: '2019',
    name: '鳥取県（八頭町・南部町）関係人口創出・拡大事業 令和元年度',
    centers: [],
    members: inPref('鳥取県', '八頭町', '南部町'),
    note: `${RP2019} 裾野拡大型; proposed by 鳥取県`,
  },

  // 004: FY2020 model projects — each organisation's project areas
  rp2020Grouping('seed-004-seeds', '株式会社シーズ総合政策研究所', '松江市', inPref('島根県', '浜田市', '江津市')),
  rp2020Grouping('seed-004-chuetsu', '公益社団法人中越防災安全推進機構', '長岡市', inPref('新潟県', '新潟市', '村上市', '出雲崎町')),
  rp2020Grouping('seed-004-jmar', '株式会社日本能率協会総合研究所', '港区', inPref('山口県', '山口市', '周防大島町')),
  rp2020Grouping('seed-004-nextcommons', '株式会社Next Commons', '遠野市', [at('岩手県', '遠野市'), at('石川県', '加賀市')]),
  rp2020Grouping('seed-004-netchu', '一般社団法人熱中学園', '墨田区', [
    ...inPref('北海道', '東川町', '更別村'),
    at('宮城県', '丸森町'),
    at('千葉県', '銚子市'),
    at('富山県', '高岡市'),
    at('和歌山県', '上富田町'),
    at('鳥取県', '琴浦町'),
    at('徳島県', '上板町'),
    at('高知県', '越知町'),
    at('熊本県', '人吉市'),
    at('宮崎県', '小林市'),
  ]),
  rp2020Grouping('seed-004-makigumi', '合同会社巻組', '石巻市', [at('宮城県', '石巻市'), at('島根県', '雲南市')]),
  rp2020Grouping('seed-004-ritou', '一般社団法人離島百貨店', '港区', [at('新潟県', '粟島浦村'), at('山梨県', '丹波山村'), at('島根県', '隠岐の島町')]),
];

function rp2020Grouping(id: string, organisation: string, home: string, areas: SeedPlace[]): SeedGrouping {
  return {
    id,
    source: S004,
    asOf: '2020',
    name: `${organisation} 関係人口創出モデル事業 令和2年度（${areas.map((a) => a.name).join('・')}）`,
    centers: [],
    members: areas,
    note: `${RP2020}; project areas of ${organisation} (based in ${home}), as planned at the time of the proposal`,
  };
}
