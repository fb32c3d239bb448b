import { wordWeight } from 'src/catalog/words';
import { provinceOf as provinceOnMap } from 'src/common/provinces';

export const MATCH_DECISIONS = ['confirmed', 'rejected'] as const;
export type MatchDecision = (typeof MATCH_DECISIONS)[number];

/** Why a pair was suggested, shown beside the score. */
export interface MatchReasons {
  /** Words of the need found in the candidate's text. */
  words: string[];
  fields: string[];
  keywords: string[];
  readinessLevel: number | null;
  sameRegion: boolean;
}

/** One side of a pair, as matching sees it: its words (see `wordsOf`), fields, keywords, region. */
export interface MatchSide {
  words: readonly string[];
  fields: readonly string[];
  keywords: readonly string[];
  region: string | null;
}

export interface Candidate extends MatchSide {
  /** A result's readiness; null for an expert. */
  readinessLevel: number | null;
}

/** How much each part counts; they add up to 1. */
export const WEIGHTS = { text: 0.6, fields: 0.15, keywords: 0.1, readiness: 0.1, region: 0.05 };

/**
 * Scores a candidate (result or expert) for a need, 0 to 1: mostly the need's words found in the
 * candidate, weighted by how specific each word is; then shared fields and keywords, readiness
 * (a result nearer production helps an enterprise more; experts count as midway) and region.
 */
export function scoreMatch(
  need: MatchSide,
  candidate: Candidate,
): { score: number; reasons: MatchReasons } {
  const candidateWords = new Set(candidate.words);
  const words = need.words.filter((w) => candidateWords.has(w));
  const total = sum(need.words.map(wordWeight));
  const text = total === 0 ? 0 : sum(words.map(wordWeight)) / total;
  const fields = intersect(need.fields, candidate.fields);
  const keywords = intersect(need.keywords, candidate.keywords);
  const readiness = candidate.readinessLevel === null ? 0.5 : (candidate.readinessLevel - 1) / 8;
  const sameRegion =
    provinceOf(need.region) !== null && provinceOf(need.region) === provinceOf(candidate.region);
  const score =
    WEIGHTS.text * text +
    WEIGHTS.fields * share(fields, need.fields) +
    WEIGHTS.keywords * share(keywords, need.keywords) +
    WEIGHTS.readiness * readiness +
    WEIGHTS.region * (sameRegion ? 1 : 0);
  return {
    score: Math.round(score * 1000) / 1000,
    reasons: { words, fields, keywords, readinessLevel: candidate.readinessLevel, sameRegion },
  };
}

/**
 * The province a region lies in (四川省成都市, 成都市, 四川 → 四川; see `src/common/provinces.ts`),
 * else the region as written, so that two regions the platform cannot place still match when they
 * are written alike.
 */
export function provinceOf(region: string | null): string | null {
  return provinceOnMap(region) ?? (region?.trim() || null);
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
const share = (found: readonly string[], of: readonly string[]) =>
  of.length === 0 ? 0 : found.length / of.length;

function intersect(a: readonly string[], b: readonly string[]): string[] {
  const other = new Set(b.map((x) => x.toLowerCase()));
  return a.filter((x) => other.has(x.toLowerCase()));
}
