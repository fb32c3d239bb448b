import { Injectable } from '@nestjs/common';
import { AuthUser } from 'src/common/auth/auth-user';
import { Tx } from 'src/database/tx';
import { DockingMeetingsService } from 'src/docking/docking-meetings.service';
import { MeetingDto } from 'src/docking/dto/docking.dto';
import { MeetingPartyDto } from 'src/personal-data/dto/personal-data.dto';
import { partyAsSeen } from 'src/personal-data/party-contacts';
import { PersonalDataError } from 'src/personal-data/personal-data.errors';
import { Consents } from 'src/privacy/consents';

/** The scope of a consent to show one's contacts to the other party of a docking meeting. */
export const meetingScope = (meetingId: string) => `docking_meeting:${meetingId}`;

/**
 * What the parties of a docking meeting see of each other: name and organization always; mobile
 * and e-mail only once the person gave the separate consent (PIPL Art. 23) for this meeting, asked
 * when the other party needs them and withdrawn at will.
 */
@Injectable()
export class ContactSharing {
  constructor(
    private readonly tx: Tx,
    private readonly meetings: DockingMeetingsService,
    private readonly consents: Consents,
  ) {}

  /** The caller gives (or withdraws) their consent to show their contacts to the other party. */
  async share(user: AuthUser, meetingId: string, shared: boolean): Promise<MeetingPartyDto> {
    return this.tx.run(async () => {
      const meeting = await this.asParty(user, meetingId);
      const me = { type: 'user' as const, id: user.id };
      if (shared) {
        const [event] = await this.tx.query<{ organization_id: string }[]>(
          `SELECT organization_id FROM event WHERE id = $1`,
          [meeting.eventId],
        );
        await this.consents.give(
          me,
          'share_contacts',
          meetingScope(meetingId),
          event.organization_id,
        );
      } else {
        await this.consents.withdraw(me, 'share_contacts', meetingScope(meetingId));
      }
      return this.party(user.id, meetingId);
    });
  }

  /** The other party as the caller may see them: contacts only with that party's consent. */
  async counterpart(user: AuthUser, meetingId: string): Promise<MeetingPartyDto> {
    const meeting = await this.asParty(user, meetingId);
    const other =
      meeting.requester.userId === user.id ? meeting.counterpart.userId : meeting.requester.userId;
    return this.party(other, meetingId);
  }

  private async asParty(user: AuthUser, meetingId: string): Promise<MeetingDto> {
    const meeting = await this.meetings.meeting(user, meetingId);
    if (meeting.requester.userId !== user.id && meeting.counterpart.userId !== user.id)
      throw PersonalDataError.PERSONAL_DATA_NOT_A_PARTY();
    return meeting;
  }

  private party(userId: string, meetingId: string): Promise<MeetingPartyDto> {
    return partyAsSeen(this.tx, this.consents, userId, meetingScope(meetingId));
  }
}
