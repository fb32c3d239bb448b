import { Inject, Injectable } from '@nestjs/common';
import { AuthUser } from 'src/common/auth/auth-user';
import { AppConfig } from 'src/config/config';
import { APP_CONFIG } from 'src/config/config.module';
import { Tx } from 'src/database/tx';
import { Intent } from 'src/deals/intent.entity';
import { User } from 'src/identity/user.entity';
import { reaching } from 'src/notifications/contact';
import { Outbox } from 'src/notifications/outbox';
import { intentScope } from 'src/privacy/consent.entity';
import { Consents } from 'src/privacy/consents';

/** The expert an intent is about, with what the intent names of their work. */
export interface IntentExpert {
  user: User;
  /** The result's title, or null for an intent on the expert team itself. */
  resultTitle: string | null;
}

/**
 * The two people of an intent: its author (an investor's or enterprise's person) and the expert
 * behind the result or profile it names. Neither sees the other's mobile and e-mail without that
 * person's separate consent for this intent (`consent` scope `intent:<id>`): the author's is asked
 * when they express the intent, the expert's when it arrives (the message asks them).
 */
@Injectable()
export class IntentParties {
  constructor(
    private readonly tx: Tx,
    private readonly outbox: Outbox,
    private readonly consents: Consents,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The result's owner, else the expert profile's person; null when neither is on the platform. */
  async expertOf(intent: Pick<Intent, 'resultId' | 'expertId'>): Promise<IntentExpert | null> {
    const [row] = await this.tx.query<{ user_id: string; title: string | null }[]>(
      `SELECT r.owner_id AS user_id, r.title FROM research_result r WHERE r.id = $1
       UNION ALL
       SELECT p.user_id, NULL FROM expert_profile p WHERE p.id = $2
       LIMIT 1`,
      [intent.resultId, intent.expertId],
    );
    if (!row) return null;
    const user = await this.tx.repository(User).findOneBy({ id: row.user_id });
    return user ? { user, resultTitle: row.title } : null;
  }

  /**
   * In the transaction that records the intent: the author's consent when they gave it, and the
   * expert asked whether to share theirs.
   */
  async arrived(intent: Intent, author: AuthUser, shareMyContacts: boolean): Promise<void> {
    const organizationId = await this.organizationOf(intent);
    if (shareMyContacts)
      await this.consents.give(
        { type: 'user', id: author.id },
        'share_contacts',
        intentScope(intent.id),
        organizationId,
      );
    const expert = await this.expertOf(intent);
    if (!expert || expert.user.id === author.id) return;
    const to = expert.user;
    await this.outbox.add(
      reaching(to, {
        idempotencyKey: `intent:${intent.id}:received`,
        template: 'intent-received',
        locale: to.locale,
        subject: `intent:${intent.id}`,
        data: {
          name: to.name,
          enterpriseName: intent.enterpriseName,
          authorName: author.name,
          title: expert.resultTitle ?? (to.locale === 'en' ? 'your expert team' : '您的专家团队'),
          note: intent.note,
          url: `${this.config.publicUrl}/expert/intents`,
        },
      }),
    );
  }

  /** The organization whose programme the intent came from (its event's), for the audit. */
  async organizationOf(intent: Pick<Intent, 'eventId'>): Promise<string | null> {
    if (!intent.eventId) return null;
    const [event] = await this.tx.query<{ organization_id: string }[]>(
      `SELECT organization_id FROM event WHERE id = $1`,
      [intent.eventId],
    );
    return event?.organization_id ?? null;
  }
}
