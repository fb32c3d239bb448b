import { STAGES } from 'src/deals/follow-up-status';
import { MEETING_STATUSES } from 'src/docking/docking-status';
import { EVENT_STATUSES } from 'src/events/event-status';
import { INVITATION_STATUSES } from 'src/invitations/invitation-status';
import { LIVE_SESSION_STATUSES } from 'src/live/live-session.entity';
import { ACTIVE_STATUSES, REGISTRATION_STATUSES } from 'src/registrations/registration-status';
import { ROADSHOW_STATUSES } from 'src/roadshows/roadshow-status';
import { SECTORS } from 'src/events/sectors';
import {
  COUNTED,
  dealGroupsSql,
  FIGURE_QUERIES,
  GROUP_PARTICIPANTS,
  PARTICIPANT_SECTORS,
  PARTICIPANTS_OF,
  PARTNERS_OF,
} from 'src/stats/figures-sql';

describe('the statistics SQL and the features’ lifecycles', () => {
  const defined: Record<keyof typeof COUNTED, readonly string[]> = {
    heldEvents: EVENT_STATUSES,
    revokedInvitation: INVITATION_STATUSES,
    registered: REGISTRATION_STATUSES,
    confirmed: REGISTRATION_STATUSES,
    acceptedRoadshow: ROADSHOW_STATUSES,
    acceptedMeeting: MEETING_STATUSES,
    endedLiveSession: LIVE_SESSION_STATUSES,
    droppedDeal: STAGES,
    landedDeal: STAGES,
  };

  it.each(Object.entries(COUNTED))('counts %s by statuses its feature defines', (name, counted) => {
    const statuses = defined[name as keyof typeof COUNTED];
    for (const status of [counted].flat()) expect(statuses).toContain(status);
  });

  it('counts as registered exactly the statuses that hold a place', () => {
    expect(COUNTED.registered).toEqual(ACTIVE_STATUSES);
  });

  it('writes no status into the SQL itself: every one is a parameter from COUNTED', () => {
    const statements = [
      ...FIGURE_QUERIES.map((q) => q.sql),
      dealGroupsSql('institution').sql,
      dealGroupsSql('region').sql,
      GROUP_PARTICIPANTS,
      PARTICIPANTS_OF.sql,
      PARTNERS_OF.sql,
    ];
    for (const sql of statements) {
      expect(sql).not.toMatch(/\b(status|stage)\s*(=|<>|IN)\s*\(?\s*'/i);
    }
  });

  it('counts participants by sectors that exist', () => {
    for (const sector of Object.values(PARTICIPANT_SECTORS).flat())
      expect(SECTORS).toContain(sector);
  });
});
