import { createRequire } from 'node:module';
import { Jieba } from '@node-rs/jieba';

const require = createRequire(import.meta.url);

/** The most common single-character surnames (about 90% of residents), from the 百家姓 frequency lists. */
const SURNAMES = new Set([
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝',
]);

/** 复姓 (compound surnames) still in use. */
const COMPOUND_SURNAMES = new Set([
  '欧阳',
  '司马',
  '诸葛',
  '上官',
  '皇甫',
  '慕容',
  '令狐',
  '司徒',
  '夏侯',
  '尉迟',
  '公孙',
  '长孙',
  '宇文',
  '轩辕',
  '端木',
  '独孤',
  '南宫',
  '呼延',
  '澹台',
  '钟离',
  '闻人',
  '东方',
  '申屠',
  '太史',
  '赫连',
  '万俟',
  '第五',
]);

/**
 * Common words that jieba's dictionary tags as a person's name (nr) and that begin with a surname:
 * found by tagging the statutes in data/laws (which name no one) and words residents type.
 */
const NOT_NAMES = new Set([
  '王法',
  '高三',
  '齐全',
  '齐备',
  '许可',
  '许可证',
  '许可费',
  '许诺',
  '陈述',
  '陈列',
  '林木',
  '林权证',
  '孙子',
  '张贴',
  '钱财',
  '石家庄',
  '陆生',
  '康复',
  '严肃性',
  '安全法',
  '安全性',
  '安静',
  '易燃',
  '易损',
  '宣传品',
  '荣誉',
  '荣誉权',
  '古文化',
  '古建筑',
  '古树名',
  '连贯',
  '连云港',
  '常德',
  '承德',
  '岳父母',
  '童工',
  '卫星',
  '封锁',
  '白银',
  '晋升',
  '凌辱',
  '屠宰',
  '屠宰厂',
  '麻醉',
  '麻黄',
  '麻黄素',
  '廉政',
  '牟利',
  '立功',
  '立法法',
  '立法权',
  '立木',
  '公正',
  '公序良',
  '平仓',
  '永久性',
  '查明',
  '查清',
  '列明',
  '应列明',
  '托运',
  '托运人',
  '克扣',
  '克隆',
  '介绍信',
  '介绍费',
  '相符合',
  '相衔接',
  '道德',
  '通晓',
  '通知书',
  '养老',
  '养老金',
  '桂林',
  '邵阳',
  '阳泉',
  '嘉兴',
  '铁岭',
  '盘锦',
  '张家口',
  '越秀区',
  '农耕',
  '言语',
  '印鉴',
  '采石',
  '扬言',
  '博客',
  '经审查',
  '申请人',
  '申请书',
  '盖章',
  '特邀',
  '矫正',
  '修正',
  '仲裁法',
  '仲裁庭',
  '森林法',
  '从宽',
  '迟延',
  '成渝',
  '银行卡',
  '权威',
  '承诺书',
  '祖父母',
  '扶养费',
  '解释权',
  '储存卡',
  '福利性',
  '安置费',
  '索引',
  '法官法',
  '无保留',
  '冷丁',
  '地西泮',
  '托幼',
  '幼儿园',
  '益物权',
  '应予以',
  '承继',
  '但原告',
]);

/** Placeholders written instead of a given name: 黄某, 欧阳某某, 张X. */
const PLACEHOLDER = /^(?:某{1,2}|[XxＸｘ×*＊]{1,2})$/;
/** Part-of-speech tags a one- or two-character given name can get when jieba splits it off a surname. */
const NOT_GIVEN_NAME_TAGS = /^(?:v|vd|vn|vg|p|c|d|u.*|r|x|f|y|e|o|w|q|k|h|z)$/;

const isHan = (text: string): boolean => /^[\u3400-\u9fff]+$/.test(text);

let jieba: Jieba | null = null;
function tagger(): Jieba {
  // @node-rs/jieba/dict is CommonJS that reads dict.txt beside itself.
  jieba ??= Jieba.withDict((require('@node-rs/jieba/dict') as { dict: Uint8Array }).dict);
  return jieba;
}

/**
 * A search text with every person's name replaced by …, before anything of it is kept for the
 * statistics. A name is found by jieba's part-of-speech tags (without HMM guessing, so the result
 * depends on the dictionary only) together with the surname lists above:
 *   · a word tagged nr/nrfg/nrt that starts with a surname (a compound one when it has 4 characters);
 *   · a surname followed by a placeholder (黄某, 欧阳某某);
 *   · a surname jieba left on its own followed by a one- or two-character word that is not a verb,
 *     particle, pronoun … (张|三, 陈|伟, 欧阳|娜娜): the given name jieba does not know.
 * Words that merely begin with a surname (高利贷, 黄金, 白条, 马上) are single dictionary words with
 * other tags and stay.
 */
export function removePersonNames(query: string): string {
  const tokens = tagger().tag(query.normalize('NFKC'), false);
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const { word, tag } = tokens[i] as { word: string; tag: string };
    const next = tokens[i + 1];
    const startsWithSurname = SURNAMES.has(word.slice(0, 1)) || COMPOUND_SURNAMES.has(word.slice(0, 2));
    if (
      tag.startsWith('nr') &&
      isHan(word) &&
      word.length >= 2 &&
      word.length <= 4 &&
      !NOT_NAMES.has(word) &&
      (word.length < 4 ? startsWithSurname : COMPOUND_SURNAMES.has(word.slice(0, 2)))
    ) {
      out.push('…');
      continue;
    }
    const isSurname = (word.length === 1 && SURNAMES.has(word)) || COMPOUND_SURNAMES.has(word);
    if (
      isSurname &&
      next &&
      isHan(next.word) &&
      next.word.length <= 2 &&
      (PLACEHOLDER.test(next.word) || (!NOT_GIVEN_NAME_TAGS.test(next.tag) && !(word.length === 2 && next.word.length === 2 && next.tag === 'n')))
    ) {
      out.push('…');
      i++;
      continue;
    }
    if (isSurname && next && PLACEHOLDER.test(next.word)) {
      out.push('…');
      i++;
      continue;
    }
    const placeholderName = /^(.{1,2}?)(?:某{1,2})$/.exec(word);
    if (placeholderName && (SURNAMES.has(placeholderName[1] ?? '') || COMPOUND_SURNAMES.has(placeholderName[1] ?? ''))) {
      out.push('…');
      continue;
    }
    out.push(word);
  }
  return out.join('');
}
