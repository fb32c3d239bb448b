import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
} from 'typeorm';
import { fen } from 'src/common/money';
import { Deal } from 'src/deals/deal.entity';

/** How a signed deal stands 3, 6 or 12 months on: landed? money received? output value? */
@Entity('deal_check_in')
@Check('ck_deal_check_in_months', 'months IN (3, 6, 12)')
@Check('ck_deal_check_in_amounts', 'received_fen >= 0 AND output_value_fen >= 0')
export class DealCheckIn {
  @PrimaryColumn({ type: 'uuid' })
  dealId!: string;

  @ManyToOne(() => Deal, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'deal_id' })
  deal?: Deal;

  @PrimaryColumn({ type: 'smallint' })
  months!: number;

  @Column({ type: 'boolean' })
  landed!: boolean;

  /** Money received so far under the contract. */
  @Column({ type: 'bigint', transformer: fen })
  receivedFen!: number;

  /** Output value (产值) the cooperation has brought so far. */
  @Column({ type: 'bigint', transformer: fen })
  outputValueFen!: number;

  @Column({ type: 'text', default: '' })
  note!: string;

  @Column({ type: 'uuid' })
  recordedBy!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  recordedAt!: Date;

  /** The back-fill of a past programme that entered it (src/backfill); undoing it removes the row. */
  @Index('ix_deal_check_in_backfill', { where: 'backfill_id IS NOT NULL' })
  @Column({ type: 'uuid', nullable: true })
  backfillId!: string | null;
}
