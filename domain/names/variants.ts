/**
 * Variant kanji (旧字体 and 異体字) that people and documents write for the characters in today's
 * municipality names, each folded to one form so that either spelling finds the place: 檮原町 / 梼原町,
 * 曾爾村 / 曽爾村, 龍ケ崎市 / 竜ヶ崎, 塩竈市 / 塩釜, 飛驒 / 飛騨. Folding is applied to both sides of a
 * comparison, so which form is the key does not matter; data/municipal-changes.test.ts proves that no two of today’s
 * municipalities of one prefecture fold to the same name.
 */
const pairs = [
  // variant → folded form
  ['檮', '梼'],
  ['曾', '曽'],
  ['龍', '竜'],
  ['竈', '釜'],
  ['竃', '釜'],
  ['驒', '騨'],
  ['澤', '沢'],
  ['濱', '浜'],
  ['邊', '辺'],
  ['邉', '辺'],
  ['嶋', '島'],
  ['嶌', '島'],
  ['﨑', '崎'],
  ['嵜', '崎'],
  ['髙', '高'],
  ['冨', '富'],
  ['舘', '館'],
  ['廣', '広'],
  ['國', '国'],
  ['櫻', '桜'],
  ['關', '関'],
  ['與', '与'],
  ['寶', '宝'],
  ['會', '会'],
  ['條', '条'],
  ['淺', '浅'],
  ['眞', '真'],
  ['德', '徳'],
  ['惠', '恵'],
  ['萬', '万'],
  ['彌', '弥'],
  ['壽', '寿'],
  ['齋', '斎'],
  ['齊', '斉'],
  ['藏', '蔵'],
  ['瀧', '滝'],
  ['靜', '静'],
  ['增', '増'],
  ['黑', '黒'],
  ['鄕', '郷'],
  ['槇', '槙'],
  ['檜', '桧'],
  ['鯵', '鰺'],
  ['峯', '峰'],
  ['嶽', '岳'],
  ['藪', '薮'],
  ['穗', '穂'],
  ['靑', '青'],
  ['戶', '戸'],
  ['淸', '清'],
  ['姬', '姫'],
  ['禰', '祢'],
  ['縣', '県'],
  ['渕', '淵'],
  ['狹', '狭'],
  ['來', '来'],
  ['佛', '仏'],
  ['兒', '児'],
  ['舍', '舎'],
  ['榮', '栄'],
  ['驛', '駅'],
] as const;

const folded = new Map<string, string>(pairs);
const pattern = new RegExp(`[${pairs.map(([from]) => from).join('')}]`, 'gu');

/**
 * Folds variant kanji to one form; other characters are kept.
 * @example foldVariantKanji('檮原町') === foldVariantKanji('梼原町') // true
 */
export function foldVariantKanji(text: string): string {
  return text.replace(pattern, (ch) => folded.get(ch) ?? ch);
}
