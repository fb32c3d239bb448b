import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { PageQueryDto } from 'src/common/dto';
import { MATCH_DECISIONS, MatchDecision } from 'src/matching/match-score';

export const CANDIDATE_KINDS = ['results', 'experts'] as const;
export type CandidateKind = (typeof CANDIDATE_KINDS)[number];

export class SuggestionQueryDto {
  /** What to rank for the need: research results (default) or experts. */
  @IsOptional()
  @IsIn(CANDIDATE_KINDS)
  kind: CandidateKind = 'results';

  /** How many, best first (1–50). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  limit: number = 10;
}

export class ReasonsDto {
  /** Words of the need found in the candidate. */
  words!: string[];
  fields!: string[];
  keywords!: string[];
  readinessLevel!: number | null;
  sameRegion!: boolean;
}

export class SuggestionDto {
  /** A result's, an expert profile's or a need's id. */
  id!: string;
  kind!: 'result' | 'expert' | 'need';
  /** The result's or need's title, or the expert's name. */
  title!: string;
  /** Institution or enterprise. */
  organization!: string;
  /** 0 to 1. */
  score!: number;
  reasons!: ReasonsDto;
  /** An organizer's decision on this pair, if any. */
  decision!: MatchDecision | null;
}

export class DecideMatchDto {
  @IsUUID()
  needId!: string;

  /** Either a result … */
  @IsOptional()
  @IsUUID()
  resultId?: string;

  /** … or an expert profile. */
  @IsOptional()
  @IsUUID()
  expertId?: string;

  @IsIn(MATCH_DECISIONS)
  decision!: MatchDecision;
}

export class MatchDto {
  id!: string;
  needId!: string;
  resultId!: string | null;
  expertId!: string | null;
  decision!: MatchDecision;
  score!: number;
  reasons!: ReasonsDto;
  decidedBy!: string;
  decidedAt!: Date;
}

export class MatchQueryDto extends PageQueryDto {
  @IsOptional()
  @IsUUID()
  needId?: string;

  @IsOptional()
  @IsUUID()
  resultId?: string;

  @IsOptional()
  @IsIn(MATCH_DECISIONS)
  decision?: MatchDecision;
}

export class MatchPageDto {
  items!: MatchDto[];
  total!: number;
  limit!: number;
  offset!: number;
}
