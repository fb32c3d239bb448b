import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';

/** Loaded once: the dictionary takes a moment. */
let jieba: Jieba | undefined;

/** Words too common in results and needs to say anything about a match. */
const STOP_WORDS = new Set(
  (
    '技术 系统 研究 开发 研发 应用 方法 企业 需求 提高 解决 产品 生产 问题 实现 进行 我们 公司 目前 ' +
    '需要 希望 能够 可以 以及 及其 一种 基于 相关 方面 领域 具有 通过 采用 提供 主要 项目 成果 ' +
    '合作 现有 存在 国内 国外 行业 工艺 设备 装置 平台 服务 分析 研制 高效 新型 关键 核心 推广 ' +
    '用于 适用 对于 其中 已经 不足 较高 较低 提升 降低 成本 效率 质量 ' +
    '本项 项目 针对 难题 提出 解决 方案 解决方案 形成 自主 知识 产权 知识产权 推广 推广应用 场景 面向 ' +
    '具备 完成 实施 支持 优势 特点 目标 情况 要求 能力 水平 国际 领先 先进 达到 显著'
  ).split(' '),
);

const WORD = /^[\p{L}\p{N}]+$/u;
const HAN = /\p{Script=Han}/u;

/**
 * The words of a Chinese (or mixed) text, for indexing and matching: segmented by jieba in search
 * mode (long words and the shorter words inside them: 锂离子电池 → 锂离子, 离子, 电池), lower-cased,
 * without punctuation, single characters and stop words; each word once, in order of appearance.
 */
export function wordsOf(...texts: (string | null | undefined)[]): string[] {
  jieba ??= Jieba.withDict(dict);
  const words = new Set<string>();
  for (const text of texts) {
    if (!text) continue;
    for (const raw of jieba.cutForSearch(text, true)) {
      const word = raw.trim().toLowerCase();
      if (!WORD.test(word) || STOP_WORDS.has(word)) continue;
      if (HAN.test(word) ? [...word].length < 2 : word.length < 2) continue;
      words.add(word);
    }
  }
  return [...words];
}

/** A `to_tsquery('simple', …)` text matching any of the words (which `wordsOf` made safe). */
export const anyOf = (words: readonly string[]): string => words.map((w) => `'${w}'`).join(' | ');

/** A `to_tsquery('simple', …)` text matching all of the words. */
export const allOf = (words: readonly string[]): string => words.map((w) => `'${w}'`).join(' & ');

/**
 * How much a word says: longer words are more specific (传感器 over 传感, 锂离子电池 over 电池).
 */
export function wordWeight(word: string): number {
  const length = [...word].length;
  return HAN.test(word) ? Math.min(length, 4) / 2 : Math.min(length, 6) / 3;
}
