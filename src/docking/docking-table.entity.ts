import { Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Event } from 'src/events/event.entity';

/** A table of a precise-docking session, where accepted meetings are seated. */
@Entity('docking_table')
export class DockingTable {
  @PrimaryColumn({ type: 'uuid' })
  eventId!: string;

  @ManyToOne(() => Event, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id' })
  event?: Event;

  @PrimaryColumn({ type: 'varchar', length: 50 })
  name!: string;
}
