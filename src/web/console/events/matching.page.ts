import { NeedDto } from 'src/catalog/dto/need.dto';
import { SuggestionDto } from 'src/matching/dto/match.dto';

/**
 * What the matching page shows of a need brought to a precise-docking session, from the matching
 * service's rankings: pure, so it is tested without a browser.
 */

/** Suggestions shown per need and kind; confirmed pairs are found among a wider ranking. */
export const SHOWN = 5;
export const RANKED = 50;

/** A suggestion as a row: its score in percent, and the field its decision form names it by. */
export interface SuggestionRow extends SuggestionDto {
  percent: number;
  candidateField: 'expertId' | 'resultId';
}

export interface NeedRow {
  need: NeedDto;
  results: SuggestionRow[];
  experts: SuggestionRow[];
  /** The pairs the organizer confirmed, of either kind (an expert team to invite). */
  confirmed: SuggestionRow[];
}

/** A need with the first of its ranked results and experts (`RANKED` of each), and its confirmed pairs. */
export function needRow(
  need: NeedDto,
  results: SuggestionDto[],
  experts: SuggestionDto[],
): NeedRow {
  return {
    need,
    results: results.slice(0, SHOWN).map(suggestionRow),
    experts: experts.slice(0, SHOWN).map(suggestionRow),
    confirmed: [...results, ...experts]
      .filter((s) => s.decision === 'confirmed')
      .map(suggestionRow),
  };
}

function suggestionRow(s: SuggestionDto): SuggestionRow {
  return {
    ...s,
    percent: Math.round(s.score * 100),
    candidateField: s.kind === 'expert' ? 'expertId' : 'resultId',
  };
}
