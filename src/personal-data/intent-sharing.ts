import { Injectable } from '@nestjs/common';
import { AuthUser } from 'src/common/auth/auth-user';
import { Tx } from 'src/database/tx';
import { Intent } from 'src/deals/intent.entity';
import { IntentExpert, IntentParties } from 'src/deals/intent-parties';
import { IntentPartiesDto, MyIntentDto } from 'src/personal-data/dto/sharing.dto';
import { MeetingPartyDto } from 'src/personal-data/dto/personal-data.dto';
import { partyAsSeen } from 'src/personal-data/party-contacts';
import { PersonalDataError } from 'src/personal-data/personal-data.errors';
import { intentScope } from 'src/privacy/consent.entity';
import { Consents } from 'src/privacy/consents';

/**
 * What the two people of an intent see of each other — its author (an investor or enterprise) and
 * the expert behind the result or profile: name and organization always, mobile and e-mail only
 * with that person's separate consent for this intent, given and withdrawn at will.
 */
@Injectable()
export class IntentSharing {
  constructor(
    private readonly tx: Tx,
    private readonly parties: IntentParties,
    private readonly consents: Consents,
  ) {}

  /** Both people of the intent as the caller, one of them, may see them; 404 for anyone else. */
  async between(user: AuthUser, intentId: string): Promise<IntentPartiesDto> {
    const { intent, expert } = await this.asParty(user, intentId);
    return this.view(intent, expert);
  }

  /** The caller, one of the two, gives (or withdraws) their consent to show the other their contacts. */
  async share(user: AuthUser, intentId: string, shared: boolean): Promise<IntentPartiesDto> {
    return this.tx.run(async () => {
      const { intent, expert } = await this.asParty(user, intentId);
      const me = { type: 'user' as const, id: user.id };
      const scope = intentScope(intent.id);
      if (shared)
        await this.consents.give(
          me,
          'share_contacts',
          scope,
          await this.parties.organizationOf(intent),
        );
      else await this.consents.withdraw(me, 'share_contacts', scope);
      return this.view(intent, expert);
    });
  }

  /** The intents the caller expressed or received (on their results or expert profile), newest first. */
  async mine(user: AuthUser): Promise<MyIntentDto[]> {
    const rows = await this.tx.query<{ id: string }[]>(
      `SELECT i.id FROM intent i
         LEFT JOIN research_result r ON r.id = i.result_id
         LEFT JOIN expert_profile p ON p.id = i.expert_id
        WHERE i.user_id = $1 OR r.owner_id = $1 OR (i.result_id IS NULL AND p.user_id = $1)
        ORDER BY i.created_at DESC LIMIT 100`,
      [user.id],
    );
    const mine: MyIntentDto[] = [];
    for (const { id } of rows) {
      const { intent, expert } = await this.asParty(user, id);
      const parties = await this.view(intent, expert);
      mine.push({ ...parties, role: intent.userId === user.id ? 'author' : 'expert' });
    }
    return mine;
  }

  /** The intent and its expert, if the caller is one of its two people; else 404. */
  private async asParty(
    user: AuthUser,
    intentId: string,
  ): Promise<{ intent: Intent; expert: IntentExpert | null }> {
    const intent = await this.tx.repository(Intent).findOneBy({ id: intentId });
    const expert = intent ? await this.parties.expertOf(intent) : null;
    if (!intent || (intent.userId !== user.id && expert?.user.id !== user.id))
      throw PersonalDataError.PERSONAL_DATA_NOT_AN_INTENT_PARTY({ id: intentId });
    return { intent, expert };
  }

  private async view(intent: Intent, expert: IntentExpert | null): Promise<IntentPartiesDto> {
    return {
      intentId: intent.id,
      enterpriseName: intent.enterpriseName,
      resultTitle: expert?.resultTitle ?? null,
      note: intent.note,
      createdAt: intent.createdAt,
      author: await this.party(intent.userId, intent.id),
      expert: expert ? await this.party(expert.user.id, intent.id) : null,
    };
  }

  private party(userId: string, intentId: string): Promise<MeetingPartyDto> {
    return partyAsSeen(this.tx, this.consents, userId, intentScope(intentId));
  }
}
