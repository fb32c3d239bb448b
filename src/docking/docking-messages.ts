import { Injectable } from '@nestjs/common';
import { formatDateTime } from 'src/common/time';
import { DockingMeeting } from 'src/docking/docking-meeting.entity';
import { Event } from 'src/events/event.entity';
import { User } from 'src/identity/user.entity';
import { Outbox } from 'src/notifications/outbox';
import { Tx } from 'src/database/tx';
import { reaching } from 'src/notifications/contact';

/** What the parties of a docking meeting are told: a request, and its answer. */
@Injectable()
export class DockingMessages {
  constructor(
    private readonly outbox: Outbox,
    private readonly tx: Tx,
  ) {}

  async requested(
    event: Event,
    meeting: DockingMeeting,
    requester: { name: string },
    counterpart: User,
  ): Promise<void> {
    await this.send(event, meeting, counterpart, 'docking-request', 'requested', {
      otherName: requester.name,
      note: meeting.note,
    });
  }

  async answered(event: Event, meeting: DockingMeeting): Promise<void> {
    const { manager } = this.tx;
    const [requester, counterpart] = await Promise.all([
      manager.findOneByOrFail(User, { id: meeting.requesterId }),
      manager.findOneByOrFail(User, { id: meeting.counterpartId }),
    ]);
    await this.send(event, meeting, requester, 'docking-answer', meeting.status, {
      otherName: counterpart.name,
      accepted: meeting.status === 'accepted',
      tableName: meeting.tableName,
    });
  }

  private async send(
    event: Event,
    meeting: DockingMeeting,
    to: User,
    template: string,
    what: string,
    extra: Record<string, unknown>,
  ): Promise<void> {
    const at = (date: Date) => formatDateTime(date, event.timeZone, to.locale);
    await this.outbox.add(
      reaching(to, {
        idempotencyKey: `docking:${meeting.id}:${what}`,
        template,
        locale: to.locale,
        subject: `docking:${meeting.id}`,
        data: {
          name: to.name,
          eventTitle: event.title,
          startsAt: at(meeting.startsAt),
          endsAt: at(meeting.endsAt),
          ...extra,
        },
      }),
    );
  }
}
