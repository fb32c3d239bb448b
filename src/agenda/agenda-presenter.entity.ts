import { Column, Entity, Exclusion, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { AgendaItem } from 'src/agenda/agenda-item.entity';
import { User } from 'src/identity/user.entity';

/**
 * A person presenting an agenda item, with the item's times: the foreign key copies them (ON UPDATE
 * CASCADE), so that PostgreSQL keeps anyone from being in two places at once, across all events.
 */
@Entity('agenda_presenter')
@Exclusion(
  'ex_agenda_presenter_time',
  'USING gist (user_id WITH =, tstzrange(starts_at, ends_at) WITH &&)',
)
export class AgendaPresenter {
  @PrimaryColumn({ type: 'uuid' })
  itemId!: string;

  @Index('ix_agenda_presenter_user')
  @PrimaryColumn({ type: 'uuid' })
  userId!: string;

  @Column({ type: 'timestamptz' })
  startsAt!: Date;

  @Column({ type: 'timestamptz' })
  endsAt!: Date;

  @ManyToOne(() => AgendaItem, (item) => item.presenters, {
    onDelete: 'CASCADE',
    onUpdate: 'CASCADE',
  })
  @JoinColumn([
    { name: 'item_id', referencedColumnName: 'id' },
    { name: 'starts_at', referencedColumnName: 'startsAt' },
    { name: 'ends_at', referencedColumnName: 'endsAt' },
  ])
  item?: AgendaItem;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;
}
