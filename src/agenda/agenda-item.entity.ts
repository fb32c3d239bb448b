import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Exclusion,
  Index,
  JoinColumn,
  ManyToOne,
  OneToMany,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import { AGENDA_ITEM_KINDS, AgendaItemKind } from 'src/agenda/agenda-kinds';
import { AgendaPresenter } from 'src/agenda/agenda-presenter.entity';
import { AgendaRoom } from 'src/agenda/agenda-room.entity';
import { ResearchResult } from 'src/catalog/research-result.entity';
import { sqlList } from 'src/database/sql';
import { Event } from 'src/events/event.entity';

/** One item of an event's agenda: a roadshow, a panel, a break, a stop of a visit … */
@Entity('agenda_item')
@Check('ck_agenda_item_kind', `kind IN (${sqlList(AGENDA_ITEM_KINDS)})`)
@Check('ck_agenda_item_times', 'ends_at > starts_at')
@Check('ck_agenda_item_capacity', 'capacity IS NULL OR capacity > 0')
// No two items of an event overlap in one room, by the room's id (PostgreSQL refuses the second,
// whoever is first; names spaced or typed differently are one room: see AgendaRoom).
@Exclusion(
  'ex_agenda_item_room',
  `USING gist (event_id WITH =, room_id WITH =, tstzrange(starts_at, ends_at) WITH &&) WHERE (room_id IS NOT NULL)`,
)
// What the presenters' rows refer to, so that moving an item moves its presenters with it.
@Unique('uq_agenda_item_times', ['id', 'startsAt', 'endsAt'])
export class AgendaItem {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('ix_agenda_item_event')
  @Column({ type: 'uuid' })
  eventId!: string;

  @ManyToOne(() => Event, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id' })
  event?: Event;

  @Column({ type: 'varchar', length: 20 })
  kind!: AgendaItemKind;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Column({ type: 'text', default: '' })
  description!: string;

  /** The room of the event's list where it happens on site; items in one room never overlap. */
  @Index('ix_agenda_item_room')
  @Column({ type: 'uuid', nullable: true })
  roomId!: string | null;

  @ManyToOne(() => AgendaRoom, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'room_id' })
  room?: AgendaRoom;

  /** Where it is streamed, for online items. */
  @Column({ type: 'varchar', length: 500, nullable: true })
  streamUrl!: string | null;

  @Column({ type: 'timestamptz' })
  startsAt!: Date;

  @Column({ type: 'timestamptz' })
  endsAt!: Date;

  /** The result presented, for a roadshow. */
  @Column({ type: 'uuid', nullable: true })
  resultId!: string | null;

  @ManyToOne(() => ResearchResult, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'result_id' })
  result?: ResearchResult;

  /** A visit's stops are taken in this order. */
  @Column({ type: 'int', nullable: true })
  position!: number | null;

  /** A visit stop's place (实验室, 中试基地 …). */
  @Column({ type: 'varchar', length: 200, nullable: true })
  place!: string | null;

  /** How many people a visit stop takes at once. */
  @Column({ type: 'int', nullable: true })
  capacity!: number | null;

  @OneToMany(() => AgendaPresenter, (p) => p.item)
  presenters?: AgendaPresenter[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
