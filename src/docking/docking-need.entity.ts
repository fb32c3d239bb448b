import { CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { TechnicalNeed } from 'src/catalog/technical-need.entity';
import { Event } from 'src/events/event.entity';

/** A need an enterprise brings to a precise-docking session. */
@Entity('docking_need')
export class DockingNeed {
  @PrimaryColumn({ type: 'uuid' })
  eventId!: string;

  @ManyToOne(() => Event, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id' })
  event?: Event;

  @PrimaryColumn({ type: 'uuid' })
  needId!: string;

  @ManyToOne(() => TechnicalNeed, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'need_id' })
  need?: TechnicalNeed;

  @CreateDateColumn({ type: 'timestamptz' })
  submittedAt!: Date;
}
