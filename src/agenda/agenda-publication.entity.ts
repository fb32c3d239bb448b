import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { PublishedItem } from 'src/agenda/agenda-rules';
import { Event } from 'src/events/event.entity';

/**
 * An event's agenda as last published: what everyone but its organizers sees. Changes to the
 * items are a draft until the organizers publish again; each publication raises `version`, and
 * registrants are told once per version what moved.
 */
@Entity('agenda_publication')
export class AgendaPublication {
  @PrimaryColumn({ type: 'uuid' })
  eventId!: string;

  @OneToOne(() => Event, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id' })
  event?: Event;

  @Column({ type: 'int' })
  version!: number;

  /** The items as published, in the shape the agenda is read in. */
  @Column({ type: 'jsonb' })
  items!: PublishedItem[];

  @Column({ type: 'timestamptz' })
  publishedAt!: Date;
}
