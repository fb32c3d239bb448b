import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import { Event } from 'src/events/event.entity';

/**
 * A room of an event's venue (主会场, B座3楼路演厅 …), kept as a list per event and chosen for
 * its items. Names are one room however they are spaced or typed (full-width forms, spaces
 * between characters): `name_key` is the name normalised (`roomKey`), unique per event.
 */
@Entity('agenda_room')
@Unique('uq_agenda_room_name', ['eventId', 'nameKey'])
export class AgendaRoom {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  eventId!: string;

  @ManyToOne(() => Event, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id' })
  event?: Event;

  /** As first written, its spaces and full-width forms tidied (`roomName`). */
  @Column({ type: 'varchar', length: 100 })
  name!: string;

  /** The name without spaces, in half-width forms and lower case: what makes two names one room. */
  @Column({ type: 'varchar', length: 100 })
  nameKey!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
