import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Event } from 'src/events/event.entity';

/**
 * A slice of an event's seats. The rows of an event add up to its capacity; `taken <= capacity`
 * is the database's guard against overbooking, whatever the code does.
 */
@Entity('event_seat_shard')
@Check('ck_event_seat_shard_taken', 'taken >= 0 AND taken <= capacity')
export class EventSeatShard {
  @PrimaryColumn({ type: 'uuid' })
  eventId!: string;

  @PrimaryColumn({ type: 'smallint' })
  shard!: number;

  @ManyToOne(() => Event, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id' })
  event?: Event;

  @Column({ type: 'int' })
  capacity!: number;

  @Column({ type: 'int', default: 0 })
  taken!: number;
}

/** Confirmed seats per participant sector, for events with sector quotas. */
@Entity('event_sector_seats')
@Check('ck_event_sector_seats_taken', 'taken >= 0')
export class EventSectorSeats {
  @PrimaryColumn({ type: 'uuid' })
  eventId!: string;

  @PrimaryColumn({ type: 'varchar', length: 12 })
  sector!: string;

  @ManyToOne(() => Event, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id' })
  event?: Event;

  @Column({ type: 'int', default: 0 })
  taken!: number;
}
