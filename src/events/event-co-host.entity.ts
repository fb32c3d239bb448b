import {
  CreateDateColumn,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
} from 'typeorm';
import { Event } from 'src/events/event.entity';
import { Organization } from 'src/identity/organization.entity';

/**
 * A co-host of an event (协办 / 联合主办单位): an organization of the platform its organizers named.
 * Its team reads the event's registrants — names and organizations, and the contacts of those who
 * gave the separate consent to share them with it (`consent` scope `co_host:<organizationId>`).
 */
@Entity('event_co_host')
export class EventCoHost {
  @PrimaryColumn({ type: 'uuid' })
  eventId!: string;

  @ManyToOne(() => Event, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id' })
  event?: Event;

  @Index('ix_event_co_host_organization')
  @PrimaryColumn({ type: 'uuid' })
  organizationId!: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Organization;

  /** The organizer who named it. */
  @Column({ type: 'uuid' })
  addedBy!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  addedAt!: Date;
}
