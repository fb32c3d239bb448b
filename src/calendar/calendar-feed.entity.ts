import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { User } from 'src/identity/user.entity';

/**
 * The version of a person's calendar feed address. The address carries it, signed; resetting the
 * feed raises it, so an address that leaked stops working. No row means version 1.
 */
@Entity('calendar_feed')
export class CalendarFeed {
  @PrimaryColumn({ type: 'uuid' })
  userId!: string;

  @OneToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Column({ type: 'integer', default: 1 })
  version!: number;
}
