import { LiveChatMessage, LiveQuestion } from 'src/live/live-question.entity';
import { LiveSession, LiveViewer } from 'src/live/live-session.entity';
import { AgendaItem } from 'src/agenda/agenda-item.entity';
import { AgendaPresenter } from 'src/agenda/agenda-presenter.entity';
import { AgendaPublication } from 'src/agenda/agenda-publication.entity';
import { AgendaRoom } from 'src/agenda/agenda-room.entity';
import { Challenge, ChallengeBid } from 'src/challenges/challenge.entity';
import { CatalogRelease } from 'src/catalog/catalog-release.entity';
import { ExpertProfile } from 'src/catalog/expert-profile.entity';
import { ResearchResult } from 'src/catalog/research-result.entity';
import { TechnicalNeed } from 'src/catalog/technical-need.entity';
import { AuditEntry } from 'src/audit/audit-entry.entity';
import { CalendarFeed } from 'src/calendar/calendar-feed.entity';
import { Consent } from 'src/privacy/consent.entity';
import { DealCheckIn } from 'src/deals/deal-check-in.entity';
import { Deal } from 'src/deals/deal.entity';
import { FollowUpTask } from 'src/deals/follow-up-task.entity';
import { Intent } from 'src/deals/intent.entity';
import { DockingBooking } from 'src/docking/docking-booking.entity';
import { DockingMeeting } from 'src/docking/docking-meeting.entity';
import { DockingNeed } from 'src/docking/docking-need.entity';
import { DockingOutcome } from 'src/docking/docking-outcome.entity';
import { DockingTable } from 'src/docking/docking-table.entity';
import { Event } from 'src/events/event.entity';
import { EventCoHost } from 'src/events/event-co-host.entity';
import { Match } from 'src/matching/match.entity';
import { EventSeries } from 'src/events/event-series.entity';
import { EventSeatShard, EventSectorSeats } from 'src/events/seat-shard.entity';
import { Membership } from 'src/identity/membership.entity';
import { MembershipRequest } from 'src/identity/membership-request.entity';
import { TeamInvitation } from 'src/identity/team-invitation.entity';
import { Invitation } from 'src/invitations/invitation.entity';
import { ImportBatch, ImportJob } from 'src/imports/import-job.entity';
import { Backfill } from 'src/backfill/backfill.entity';
import { ReportDispatch, ReportSchedule } from 'src/stats/report-schedule.entity';
import { Organization } from 'src/identity/organization.entity';
import { Verification } from 'src/identity/verification.entity';
import { Session } from 'src/identity/session.entity';
import { User } from 'src/identity/user.entity';
import {
  EventParticipants,
  EventStatistics,
  ExternalViews,
} from 'src/stats/event-statistics.entity';
import { OutboxMessage } from 'src/notifications/outbox-message.entity';
import { Registration } from 'src/registrations/registration.entity';
import { Roadshow, RoadshowCall, RoadshowReview } from 'src/roadshows/roadshow.entity';

/** Every entity of the platform; the DataSource, and so the migration check, sees exactly these. */
export const ENTITIES = [
  Organization,
  User,
  Verification,
  Membership,
  MembershipRequest,
  TeamInvitation,
  Session,
  OutboxMessage,
  ImportJob,
  ImportBatch,
  EventSeries,
  Event,
  EventCoHost,
  EventSeatShard,
  EventSectorSeats,
  Registration,
  Invitation,
  CalendarFeed,
  ResearchResult,
  TechnicalNeed,
  ExpertProfile,
  CatalogRelease,
  Match,
  AgendaItem,
  AgendaPresenter,
  AgendaPublication,
  AgendaRoom,
  DockingTable,
  DockingNeed,
  DockingMeeting,
  DockingBooking,
  DockingOutcome,
  RoadshowCall,
  Roadshow,
  RoadshowReview,
  Challenge,
  ChallengeBid,
  Intent,
  Deal,
  DealCheckIn,
  FollowUpTask,
  AuditEntry,
  Consent,
  EventStatistics,
  ExternalViews,
  EventParticipants,
  ReportSchedule,
  ReportDispatch,
  LiveSession,
  LiveViewer,
  LiveQuestion,
  LiveChatMessage,
  Backfill,
];
