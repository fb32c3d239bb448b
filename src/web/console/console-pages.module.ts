import { ImportsModule } from 'src/imports/imports.module';
import { Module } from '@nestjs/common';
import { AgendaModule } from 'src/agenda/agenda.module';
import { CatalogModule } from 'src/catalog/catalog.module';
import { DealsModule } from 'src/deals/deals.module';
import { DockingModule } from 'src/docking/docking.module';
import { EventsModule } from 'src/events/events.module';
import { IdentityModule } from 'src/identity/identity.module';
import { InvitationsModule } from 'src/invitations/invitations.module';
import { MatchingModule } from 'src/matching/matching.module';
import { RegistrationsModule } from 'src/registrations/registrations.module';
import { RoadshowsModule } from 'src/roadshows/roadshows.module';
import { StatsModule } from 'src/stats/stats.module';
import { DashboardPageController } from 'src/web/console/dashboard/dashboard-page.controller';
import { DealsPagesController } from 'src/web/console/deals/deals-pages.controller';
import { FollowUpTitles } from 'src/web/console/deals/follow-up-titles';
import { AgendaPageController } from 'src/web/console/events/agenda-page.controller';
import { CheckInPageController } from 'src/web/console/events/check-in-page.controller';
import { DockingPageController } from 'src/web/console/events/docking-page.controller';
import { EventEditorPagesController } from 'src/web/console/events/event-editor-pages.controller';
import { EventListPageController } from 'src/web/console/events/event-list-page.controller';
import { InvitationPagesController } from 'src/web/console/events/invitation-pages.controller';
import { MatchingPagesController } from 'src/web/console/events/matching-pages.controller';
import { RegistrantsPageController } from 'src/web/console/events/registrants-page.controller';
import { RoadshowPageController } from 'src/web/console/events/roadshow-page.controller';
import { ConsoleScopes } from 'src/web/console/organizations/console-scopes';
import { OrganizationsPageController } from 'src/web/console/organizations/organizations-page.controller';
import { StatisticsPagesController } from 'src/web/console/statistics/statistics-pages.controller';
import { ReportSchedulesPageController } from 'src/web/console/statistics/report-schedules-page.controller';
import { BackfillModule } from 'src/backfill/backfill.module';
import { BackfillPagesController } from 'src/web/console/backfills/backfill-pages.controller';
import { TeamPageController } from 'src/web/console/team/team-page.controller';
import { WebCoreModule } from 'src/web/web-core.module';

/**
 * The organizer console (`/console`): the dashboard, the deals board, the statistics, the team, the
 * organization switcher and an organization's children (`/console/organizations/:id`), and each
 * event's pages (`/console/events/:id/…`: editor, invitations, registrants, check-in, agenda,
 * roadshow review, docking schedule, matching).
 */
@Module({
  imports: [
    WebCoreModule,
    AgendaModule,
    BackfillModule,
    CatalogModule,
    DealsModule,
    DockingModule,
    EventsModule,
    ImportsModule,
    IdentityModule,
    InvitationsModule,
    MatchingModule,
    RegistrationsModule,
    RoadshowsModule,
    StatsModule,
  ],
  controllers: [
    DashboardPageController,
    DealsPagesController,
    ReportSchedulesPageController,
    BackfillPagesController,
    StatisticsPagesController,
    TeamPageController,
    OrganizationsPageController,
    EventListPageController,
    EventEditorPagesController,
    InvitationPagesController,
    RegistrantsPageController,
    CheckInPageController,
    AgendaPageController,
    RoadshowPageController,
    DockingPageController,
    MatchingPagesController,
  ],
  providers: [FollowUpTitles, ConsoleScopes],
})
export class ConsolePagesModule {}
