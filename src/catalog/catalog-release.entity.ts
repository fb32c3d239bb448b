import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { RELEASE_ACTS, ReleaseAct } from 'src/catalog/catalog-kinds';
import { ResearchResult } from 'src/catalog/research-result.entity';
import { TechnicalNeed } from 'src/catalog/technical-need.entity';
import { sqlList } from 'src/database/sql';
import { EventSeries } from 'src/events/event-series.entity';
import { Event } from 'src/events/event.entity';
import { Organization } from 'src/identity/organization.entity';
import { User } from 'src/identity/user.entity';

/**
 * A result or need brought into a programme (释放/征集): submitted to an event's call, presented on
 * its agenda, brought to its docking session, imported or attached by its organizers. The
 * programme's organizers curate what was brought to it; the roll-ups count releases per programme.
 * One row per item, event or series and act: recording it again changes nothing.
 */
@Entity('catalog_release')
@Check('ck_catalog_release_act', `act IN (${sqlList(RELEASE_ACTS)})`)
@Check('ck_catalog_release_item', 'num_nonnulls(result_id, need_id) = 1')
@Check('ck_catalog_release_programme', 'num_nonnulls(event_id, series_id) = 1')
@Index('uq_catalog_release_result_event', ['resultId', 'eventId', 'act'], {
  unique: true,
  where: 'result_id IS NOT NULL AND event_id IS NOT NULL',
})
@Index('uq_catalog_release_result_series', ['resultId', 'seriesId', 'act'], {
  unique: true,
  where: 'result_id IS NOT NULL AND series_id IS NOT NULL',
})
@Index('uq_catalog_release_need_event', ['needId', 'eventId', 'act'], {
  unique: true,
  where: 'need_id IS NOT NULL AND event_id IS NOT NULL',
})
@Index('uq_catalog_release_need_series', ['needId', 'seriesId', 'act'], {
  unique: true,
  where: 'need_id IS NOT NULL AND series_id IS NOT NULL',
})
export class CatalogRelease {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('ix_catalog_release_result')
  @Column({ type: 'uuid', nullable: true })
  resultId!: string | null;

  @ManyToOne(() => ResearchResult, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'result_id' })
  result?: ResearchResult;

  @Index('ix_catalog_release_need')
  @Column({ type: 'uuid', nullable: true })
  needId!: string | null;

  @ManyToOne(() => TechnicalNeed, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'need_id' })
  need?: TechnicalNeed;

  @Index('ix_catalog_release_event')
  @Column({ type: 'uuid', nullable: true })
  eventId!: string | null;

  @ManyToOne(() => Event, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id' })
  event?: Event;

  @Index('ix_catalog_release_series')
  @Column({ type: 'uuid', nullable: true })
  seriesId!: string | null;

  @ManyToOne(() => EventSeries, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'series_id' })
  series?: EventSeries;

  /** The programme's organizing organization, copied from its event or series when recorded. */
  @Index('ix_catalog_release_organization')
  @Column({ type: 'uuid' })
  organizationId!: string;

  @ManyToOne(() => Organization)
  @JoinColumn({ name: 'organization_id' })
  organization?: Organization;

  @Column({ type: 'text' })
  act!: ReleaseAct;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  releasedAt!: Date;

  @Column({ type: 'uuid', nullable: true })
  recordedBy!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'recorded_by' })
  recorder?: User;

  /** The back-fill of a past programme that entered it (src/backfill); undoing it removes the row. */
  @Index('ix_catalog_release_backfill', { where: 'backfill_id IS NOT NULL' })
  @Column({ type: 'uuid', nullable: true })
  backfillId!: string | null;
}
