import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { AgendaItem } from 'src/agenda/agenda-item.entity';
import { AttachmentMeta } from 'src/catalog/catalog-kinds';
import { ResearchResult } from 'src/catalog/research-result.entity';
import { TechnicalNeed } from 'src/catalog/technical-need.entity';
import { fen } from 'src/common/money';
import { sqlList } from 'src/database/sql';
import { CONTRACT_CATEGORIES, ContractCategory, DEAL_TYPES, DealType } from 'src/deals/follow-up';
import { STAGES, Stage } from 'src/deals/follow-up-status';
import { Intent } from 'src/deals/intent.entity';
import { DockingMeeting } from 'src/docking/docking-meeting.entity';
import { Event } from 'src/events/event.entity';

/** A signed agreement (签约): who, what, how much, when, and where it came from. */
@Entity('deal')
@Check('ck_deal_type', `type IN (${sqlList(DEAL_TYPES)})`)
@Check('ck_deal_stage', `stage IN (${sqlList(STAGES)})`)
@Check('ck_deal_value', 'contract_value_fen >= 0')
@Check('ck_deal_ceremony', 'NOT at_ceremony OR event_id IS NOT NULL')
@Check('ck_deal_investment', 'investment_fen IS NULL OR investment_fen >= 0')
@Check(
  'ck_deal_contract_category',
  `contract_category IS NULL OR contract_category IN (${sqlList(CONTRACT_CATEGORIES)})`,
)
@Check(
  'ck_deal_registration',
  'num_nonnulls(registration_number, registered_amount_fen, registered_on) IN (0, 3) AND (registration_number IS NULL OR contract_category IS NOT NULL) AND (registered_amount_fen IS NULL OR registered_amount_fen >= 0)',
)
@Index('uq_deal_registration_number', ['registrationNumber'], {
  unique: true,
  where: 'registration_number IS NOT NULL',
})
export class Deal {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid', nullable: true })
  intentId!: string | null;

  @ManyToOne(() => Intent, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'intent_id' })
  intent?: Intent;

  @Column({ type: 'varchar', length: 200 })
  enterpriseName!: string;

  @Column({ type: 'varchar', length: 200 })
  institutionName!: string;

  /** The expert team, as the contract names it. */
  @Column({ type: 'varchar', length: 300, default: '' })
  expertTeam!: string;

  @Column({ type: 'uuid', nullable: true })
  resultId!: string | null;

  @ManyToOne(() => ResearchResult, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'result_id' })
  result?: ResearchResult;

  @Column({ type: 'uuid', nullable: true })
  needId!: string | null;

  @ManyToOne(() => TechnicalNeed, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'need_id' })
  need?: TechnicalNeed;

  @Index('ix_deal_event')
  @Column({ type: 'uuid', nullable: true })
  eventId!: string | null;

  @ManyToOne(() => Event, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'event_id' })
  event?: Event;

  @Column({ type: 'uuid', nullable: true })
  agendaItemId!: string | null;

  @ManyToOne(() => AgendaItem, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'agenda_item_id' })
  agendaItem?: AgendaItem;

  @Column({ type: 'uuid', nullable: true })
  dockingMeetingId!: string | null;

  @ManyToOne(() => DockingMeeting, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'docking_meeting_id' })
  dockingMeeting?: DockingMeeting;

  @Column({ type: 'varchar', length: 20 })
  type!: DealType;

  @Column({ type: 'bigint', transformer: fen })
  contractValueFen!: number;

  @Column({ type: 'date' })
  signedOn!: string;

  /**
   * The agreed investment (协议投资额) when the agreement names one beyond its contract value, the
   * technology-transaction value (技术交易额).
   */
  @Column({ type: 'bigint', transformer: fen, nullable: true })
  investmentFen!: number | null;

  /** The contract's official category (技术开发/转让/许可/咨询/服务). */
  @Column({ type: 'varchar', length: 12, nullable: true })
  contractCategory!: ContractCategory | null;

  /** Its technology-contract registration (认定登记): number, amount and day, all three or none. */
  @Column({ type: 'varchar', length: 50, nullable: true })
  registrationNumber!: string | null;

  @Column({ type: 'bigint', transformer: fen, nullable: true })
  registeredAmountFen!: number | null;

  @Column({ type: 'date', nullable: true })
  registeredOn!: string | null;

  /** Signed on stage at the event's signing ceremony. */
  @Column({ type: 'boolean', default: false })
  atCeremony!: boolean;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  attachments!: AttachmentMeta[];

  /** signed, then landed (落地) or dropped. */
  @Column({ type: 'varchar', length: 12, default: 'signed' })
  stage!: Stage;

  @Column({ type: 'text', nullable: true })
  dropReason!: string | null;

  @Column({ type: 'uuid', nullable: true })
  ownerId!: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  lastContactAt!: Date;

  @Column({ type: 'uuid' })
  createdBy!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  /** The back-fill of a past programme that entered it (src/backfill); undoing it removes the row. */
  @Index('ix_deal_backfill', { where: 'backfill_id IS NOT NULL' })
  @Column({ type: 'uuid', nullable: true })
  backfillId!: string | null;
}
