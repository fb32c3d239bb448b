import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { AgendaItem } from 'src/agenda/agenda-item.entity';
import { AgendaRoom } from 'src/agenda/agenda-room.entity';
import { formatDateTime } from 'src/common/time';
import { AppConfig } from 'src/config/config';
import { APP_CONFIG } from 'src/config/config.module';
import { Event } from 'src/events/event.entity';
import { venueOf } from 'src/events/event-rules';
import { User } from 'src/identity/user.entity';
import { reaching } from 'src/notifications/contact';
import { NewMessage, Outbox } from 'src/notifications/outbox';
import { Tx } from 'src/database/tx';

const REMINDER = 'presenter-reminder';
const subjectOf = (item: { id: string }) => `agenda-item:${item.id}`;

/**
 * What presenters receive once the agenda is published: the news of their item (again when its
 * time or room changes) and reminders before it, at the event's reminder offsets, moved with it.
 */
@Injectable()
export class PresenterMessages {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly outbox: Outbox,
    private readonly tx: Tx,
  ) {}

  /** Tells the item's presenters where and when, and schedules their reminders. */
  async tell(event: Event, item: AgendaItem, presenterIds: string[]): Promise<void> {
    const { manager } = this.tx;
    await this.withdraw([item.id]);
    if (presenterIds.length === 0) return;
    const presenters = await manager.findBy(User, { id: In(presenterIds) });
    const room = item.roomId
      ? (await manager.findOneByOrFail(AgendaRoom, { id: item.roomId })).name
      : null;
    // Telling twice about the same time and room sends once; a move tells again.
    const placeAndTime = createHash('sha256')
      .update(`${item.startsAt.toISOString()}|${item.endsAt.toISOString()}|${room ?? ''}`)
      .digest('hex')
      .slice(0, 12);
    await this.outbox.add(
      presenters.flatMap((p) =>
        this.message(
          event,
          { ...item, room },
          p,
          'agenda-presenter',
          `agenda-item:${item.id}:${p.id}:${placeAndTime}`,
        ),
      ),
    );
    const now = Date.now();
    await this.outbox.schedule(
      presenters.flatMap((p) =>
        event.reminderOffsetsMinutes
          .map((minutes) => ({ minutes, at: new Date(item.startsAt.getTime() - minutes * 60_000) }))
          .filter(({ at }) => at.getTime() > now)
          .flatMap(({ minutes, at }) =>
            this.message(
              event,
              { ...item, room },
              p,
              REMINDER,
              `presenter-reminder:${item.id}:${p.id}:${minutes}`,
              { hoursBefore: Math.round((minutes / 60) * 10) / 10 },
              at,
            ),
          ),
      ),
    );
  }

  /** The items were removed, or their event cancelled: their presenters' reminders are dropped. */
  async withdraw(itemIds: string[]): Promise<void> {
    await this.outbox.drop(
      itemIds.map((id) => subjectOf({ id })),
      REMINDER,
    );
  }

  private message(
    event: Event,
    item: Omit<AgendaItem, 'room'> & { room: string | null },
    presenter: User,
    template: string,
    idempotencyKey: string,
    extra: Record<string, unknown> = {},
    availableAt?: Date,
  ): NewMessage[] {
    const at = (date: Date) => formatDateTime(date, event.timeZone, presenter.locale);
    return reaching(presenter, {
      idempotencyKey,
      template,
      locale: presenter.locale,
      availableAt,
      subject: subjectOf(item),
      data: {
        name: presenter.name,
        eventTitle: event.title,
        itemTitle: item.title,
        startsAt: at(item.startsAt),
        endsAt: at(item.endsAt),
        where: [venueOf(event), item.room, item.place].filter(Boolean).join(' ') || item.streamUrl,
        ...extra,
      },
    });
  }
}
