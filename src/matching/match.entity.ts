import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { ExpertProfile } from 'src/catalog/expert-profile.entity';
import { ResearchResult } from 'src/catalog/research-result.entity';
import { TechnicalNeed } from 'src/catalog/technical-need.entity';
import { sqlList } from 'src/database/sql';
import { MATCH_DECISIONS, MatchDecision, MatchReasons } from 'src/matching/match-score';

/**
 * An organizer's decision on a suggested pair: a need and a result, or a need and an expert.
 * Confirmed matches open a matched-only need's details to the expert and feed docking invitations
 * and the statistics.
 */
@Entity('match')
@Check('ck_match_decision', `decision IN (${sqlList(MATCH_DECISIONS)})`)
@Check('ck_match_one_candidate', 'num_nonnulls(result_id, expert_id) = 1')
@Index('uq_match_need_result', ['needId', 'resultId'], {
  unique: true,
  where: 'result_id IS NOT NULL',
})
@Index('uq_match_need_expert', ['needId', 'expertId'], {
  unique: true,
  where: 'expert_id IS NOT NULL',
})
export class Match {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  needId!: string;

  @ManyToOne(() => TechnicalNeed, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'need_id' })
  need?: TechnicalNeed;

  @Index('ix_match_result')
  @Column({ type: 'uuid', nullable: true })
  resultId!: string | null;

  @ManyToOne(() => ResearchResult, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'result_id' })
  result?: ResearchResult;

  @Index('ix_match_expert')
  @Column({ type: 'uuid', nullable: true })
  expertId!: string | null;

  @ManyToOne(() => ExpertProfile, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'expert_id' })
  expert?: ExpertProfile;

  @Column({ type: 'varchar', length: 12 })
  decision!: MatchDecision;

  /** The score and reasons when the organizer decided. */
  @Column({ type: 'real' })
  score!: number;

  @Column({ type: 'jsonb' })
  reasons!: MatchReasons;

  @Column({ type: 'uuid' })
  decidedBy!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  decidedAt!: Date;
}
