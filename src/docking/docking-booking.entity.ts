import { Column, Entity, Exclusion, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { DockingMeeting } from 'src/docking/docking-meeting.entity';

/**
 * A party's time in an accepted meeting, with the meeting's times through the foreign key: nobody
 * is in two meetings at once (the exclusion constraint), whichever side they are on.
 */
@Entity('docking_booking')
@Exclusion(
  'ex_docking_booking_party',
  'USING gist (user_id WITH =, tstzrange(starts_at, ends_at) WITH &&)',
)
export class DockingBooking {
  @PrimaryColumn({ type: 'uuid' })
  meetingId!: string;

  @PrimaryColumn({ type: 'uuid' })
  userId!: string;

  @Column({ type: 'timestamptz' })
  startsAt!: Date;

  @Column({ type: 'timestamptz' })
  endsAt!: Date;

  @ManyToOne(() => DockingMeeting, { onDelete: 'CASCADE', onUpdate: 'CASCADE' })
  @JoinColumn([
    { name: 'meeting_id', referencedColumnName: 'id' },
    { name: 'starts_at', referencedColumnName: 'startsAt' },
    { name: 'ends_at', referencedColumnName: 'endsAt' },
  ])
  meeting?: DockingMeeting;
}
