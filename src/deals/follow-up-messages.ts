import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from 'src/config/config';
import { APP_CONFIG } from 'src/config/config.module';
import { Deal } from 'src/deals/deal.entity';
import { CHECK_IN_MONTHS, monthsAfter } from 'src/deals/follow-up';
import { FollowUpTask } from 'src/deals/follow-up-task.entity';
import { Intent } from 'src/deals/intent.entity';
import { User } from 'src/identity/user.entity';
import { reaching } from 'src/notifications/contact';
import { NewMessage, Outbox } from 'src/notifications/outbox';
import { Tx } from 'src/database/tx';
import { atWallClock } from 'src/common/time';

const STALE = 'follow-up-stale';
const TASK_DUE = 'task-due';
const CHECK_IN = 'deal-check-in';

/**
 * The owners' reminders, scheduled in the outbox: a task falling due, a deal or intent without
 * contact for `FOLLOW_UP_NO_CONTACT_DAYS`, and a signed deal's check-ins at 3, 6 and 12 months.
 */
@Injectable()
export class FollowUpMessages {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly outbox: Outbox,
    private readonly tx: Tx,
  ) {}

  /** (Re)schedules the no-contact reminder from the last contact; none for a closed follow-up. */
  async contacted(kind: 'deal' | 'intent', item: Deal | Intent, title: string): Promise<void> {
    const { manager } = this.tx;
    const subject = `${kind}:${item.id}`;
    await this.outbox.drop([subject], STALE);
    const owner = item.ownerId ? await manager.findOneBy(User, { id: item.ownerId }) : null;
    if (!owner || item.stage === 'landed' || item.stage === 'dropped') return;
    const days = this.config.followUpNoContactDays;
    await this.outbox.schedule(
      this.message(
        owner,
        STALE,
        `${subject}:no-contact:${item.lastContactAt.getTime()}`,
        subject,
        { title, days },
        new Date(item.lastContactAt.getTime() + days * 24 * 3600_000),
      ),
    );
  }

  async scheduleCheckIns(deal: Deal): Promise<void> {
    const { manager } = this.tx;
    const owner = deal.ownerId ? await manager.findOneBy(User, { id: deal.ownerId }) : null;
    if (!owner) return;
    await this.outbox.schedule(
      CHECK_IN_MONTHS.flatMap((months) =>
        this.message(
          owner,
          CHECK_IN,
          `deal:${deal.id}:check-in:${months}`,
          `deal:${deal.id}`,
          { title: `${deal.enterpriseName} × ${deal.institutionName}`, months },
          monthsAfter(deal.signedOn, months, this.config.defaultTimeZone),
        ),
      ),
    );
  }

  /** A dropped deal or intent: nothing more to remind of it. */
  async closed(kind: 'deal' | 'intent', id: string): Promise<void> {
    await this.outbox.drop([`${kind}:${id}`], STALE);
    if (kind === 'deal') await this.outbox.drop([`deal:${id}`], CHECK_IN);
  }

  /** (Re)schedules the task's reminder on its due day at 09:00 in the platform's zone; done: none. */
  async task(task: FollowUpTask): Promise<void> {
    const { manager } = this.tx;
    const subject = `task:${task.id}`;
    if (task.doneAt) {
      await this.outbox.drop([subject], TASK_DUE);
      return;
    }
    const owner = await manager.findOneByOrFail(User, { id: task.ownerId });
    await this.outbox.schedule(
      this.message(
        owner,
        TASK_DUE,
        `${subject}:due`,
        subject,
        { title: task.title, dueOn: task.dueOn, notes: task.notes },
        atWallClock(`${task.dueOn}T09:00`, this.config.defaultTimeZone),
      ),
    );
  }

  private message(
    owner: User,
    template: string,
    idempotencyKey: string,
    subject: string,
    data: Record<string, unknown>,
    availableAt: Date,
  ): NewMessage[] {
    return reaching(owner, {
      idempotencyKey,
      template,
      locale: owner.locale,
      subject,
      availableAt,
      data: { name: owner.name, url: `${this.config.publicUrl}/console/follow-up`, ...data },
    });
  }
}
