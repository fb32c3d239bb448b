import { Injectable } from '@nestjs/common';
import { AgendaItem } from 'src/agenda/agenda-item.entity';
import { toAgendaItemDto, toPublishedItem } from 'src/agenda/agenda-items';
import { AgendaPublication } from 'src/agenda/agenda-publication.entity';
import { agendaChanges, agendaOrder, PublishedItem } from 'src/agenda/agenda-rules';
import { PresenterMessages } from 'src/agenda/presenter-messages';
import { AuthUser } from 'src/common/auth/auth-user';
import { Tx } from 'src/database/tx';
import { Event } from 'src/events/event.entity';
import { EventAccess } from 'src/events/event-access';
import { RegistrantMessages } from 'src/registrations/registrant-messages';

/**
 * What an event's agenda looks like to everyone but its organizers: the items as last published
 * (`agenda_publication`). Changes made since are a draft until the organizers publish again;
 * each publication tells presenters of their items and registrants what was added, removed or
 * moved, once per publication (its `version` is in the messages' keys).
 */
@Injectable()
export class AgendaPublications {
  constructor(
    private readonly tx: Tx,
    private readonly access: EventAccess,
    private readonly messages: PresenterMessages,
    private readonly registrants: RegistrantMessages,
  ) {}

  /**
   * Publishes the agenda as it is now: everyone who may see the event sees it; presenters are told
   * of their items (again where one moved). Published again after changes, registrants are told
   * what was added, removed or moved, once for this publication.
   */
  async publish(user: AuthUser, eventId: string): Promise<void> {
    await this.tx.run(async (manager) => {
      const event = await this.access.editableEvent(user, eventId);
      const previous = await manager.findOne(AgendaPublication, {
        where: { eventId },
        lock: { mode: 'pessimistic_write' },
      });
      const items = await this.currentItems(eventId);
      const now = new Date();
      const version = (previous?.version ?? 0) + 1;
      await manager.upsert(AgendaPublication, { eventId, version, items, publishedAt: now }, [
        'eventId',
      ]);
      await manager.update(Event, { id: eventId }, { agendaPublishedAt: now });
      event.agendaPublishedAt = now;
      const rows = await manager.find(AgendaItem, {
        where: { eventId },
        relations: { presenters: true },
      });
      for (const item of rows) {
        const presenterIds = (item.presenters ?? []).map((p) => p.userId);
        await this.messages.tell(event, item, presenterIds);
      }
      const current = new Set(items.map((i) => i.id));
      await this.messages.withdraw(
        (previous?.items ?? []).map((i) => i.id).filter((id) => !current.has(id)),
      );
      const changes = previous ? agendaChanges(previous.items, items) : [];
      if (changes.length > 0) await this.registrants.agendaChanged(event, version, changes);
    });
  }

  /**
   * Before the first change to an agenda published without a record of it (published before
   * drafts were kept), what is published is recorded, so that the change stays a draft.
   */
  async keepPublished(event: Event): Promise<void> {
    if (!event.agendaPublishedAt) return;
    const items = await this.currentItems(event.id);
    await this.tx.query(
      `INSERT INTO agenda_publication (event_id, version, items, published_at)
       VALUES ($1, 1, $2::jsonb, $3) ON CONFLICT (event_id) DO NOTHING`,
      [event.id, JSON.stringify(items), event.agendaPublishedAt],
    );
  }

  /** The event's items as they are now, in the shape they are published in. */
  async currentItems(eventId: string): Promise<PublishedItem[]> {
    const items = await this.tx.repository(AgendaItem).find({
      where: { eventId },
      relations: { presenters: { user: true }, room: true },
    });
    return items.sort(agendaOrder).map((item) => toPublishedItem(toAgendaItemDto(item)));
  }

  /**
   * The published items naming the user as a presenter, at every event, in time order, with their
   * event's title.
   */
  async presentedBy(userId: string): Promise<{ item: PublishedItem; eventTitle: string }[]> {
    const published = await this.tx.query<{ item: PublishedItem; eventTitle: string }[]>(
      `SELECT item, e.title AS "eventTitle"
         FROM agenda_publication p
         JOIN event e ON e.id = p.event_id
        CROSS JOIN LATERAL jsonb_array_elements(p.items) AS item
        WHERE item -> 'presenters' @> jsonb_build_array(jsonb_build_object('userId', $1::text))`,
      [userId],
    );
    // Agendas published before drafts were kept have no publication row: their items are as published.
    const unrecorded = (await this.tx
      .repository(AgendaItem)
      .createQueryBuilder('i')
      .innerJoinAndMapOne('i.event', Event, 'e', 'e.id = i.eventId')
      .leftJoinAndSelect('i.presenters', 'p')
      .leftJoinAndSelect('p.user', 'u')
      .leftJoinAndSelect('i.room', 'room')
      .where(
        'EXISTS (SELECT 1 FROM agenda_presenter me WHERE me.item_id = i.id AND me.user_id = :me)',
        { me: userId },
      )
      .andWhere('e.agendaPublishedAt IS NOT NULL')
      .andWhere('NOT EXISTS (SELECT 1 FROM agenda_publication ap WHERE ap.event_id = i.event_id)')
      .getMany()) as (AgendaItem & { event: Event })[];
    return [
      ...published,
      ...unrecorded.map((i) => ({
        item: toPublishedItem(toAgendaItemDto(i)),
        eventTitle: i.event.title,
      })),
    ].sort((a, b) => a.item.startsAt.localeCompare(b.item.startsAt));
  }
}
