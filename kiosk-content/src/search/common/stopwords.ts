/**
 * Words that carry no legal meaning in a resident's question or in article text: particles,
 * pronouns, question words and filler ("请问", "怎么办"). Written for Fatong (not copied from any
 * list); kept short on purpose — legal modal words (应当, 不得, 可以) stay out of it because the
 * law's own wording distinguishes duties from permissions, and the scorer's IDF already
 * down-weights them.
 */
const words = `
的 地 得 了 着 过 之 与 及 和 跟 同 或 或者 并 并且 而 而且 且 以及 还是 还有 就是 也是 都是
是 有 在 于 对 对于 把 被 给 让 向 从 自 到 以 为 为了 因 因为 所以 由于 如果 假如 要是 若 则 那么 就 才 便 也 都 还 又 再 已 已经 曾 曾经
我 我们 你 你们 您 他 她 它 他们 她们 它们 自己 咱 咱们 本人 人家 大家
这 那 这个 那个 这些 那些 这样 那样 这种 那种 这么 那么 此 其 其中 某 某个 某些 每 各 该 哪 哪个 哪些 哪里 哪儿
什么 怎么 怎样 怎么样 怎么办 如何 为何 为什么 多少 几 吗 呢 吧 啊 呀 嘛 哦 哈 么 啦 呗 吗？ 吗?
请问 请教 咨询 问 问一下 想问 想知道 知道 一下 一个 一些 一种 一次 个 位 点 些
的话 然后 但是 但 可是 不过 只是 而是 就是说 比如 例如 等 等等 之类 方面 情况 问题 时候 现在 目前 之后 以后 之前 以前
很 非常 太 更 最 比较 特别 真的 一直 总是 还是 能否 是否 是不是 有没有 会不会 能不能 可不可以 要不要 该不该 行不行
吗 嘛 的吗 了吗 呢？ 么？ 啊？
`;

const punctuation = '，。！？、；：“”‘’（）《》〈〉【】…—·,.!?;:\'"()[]<>/\\|-_=+*&^%$#@~`　 ';

export const stopwords: ReadonlySet<string> = new Set([...words.split(/\s+/).filter((w) => w.length > 0), ...punctuation]);

/** True for tokens that never help retrieval: stopwords, punctuation, lone digits/ASCII noise. */
export function isStopToken(token: string): boolean {
  if (token.length === 0 || stopwords.has(token)) return true;
  return /^[\s\p{P}\p{S}]+$/u.test(token);
}
