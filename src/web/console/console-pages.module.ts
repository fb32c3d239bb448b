import { Module } from '@nestjs/common';
import { DealsModule } from 'src/deals/deals.module';
import { EventsModule } from 'src/events/events.module';
import { IdentityModule } from 'src/identity/identity.module';
import { InvitationsModule } from 'src/invitations/invitations.module';
import { RegistrationsModule } from 'src/registrations/registrations.module';
import { StatsModule } from 'src/stats/stats.module';
import { DashboardPageController } from 'src/web/console/dashboard-page.controller';
import { EventEditorPagesController } from 'src/web/console/event-editor-pages.controller';
import { InvitationPagesController } from 'src/web/console/invitation-pages.controller';
import { RegistrationConsoleController } from 'src/web/console/registration-console.controller';
import { WebCoreModule } from 'src/web/web-core.module';

/** The organizer console: dashboard, event editor, invitations, registrations. */
@Module({
  imports: [
    WebCoreModule,
    EventsModule,
    IdentityModule,
    InvitationsModule,
    RegistrationsModule,
    StatsModule,
    DealsModule,
  ],
  controllers: [
    DashboardPageController,
    EventEditorPagesController,
    InvitationPagesController,
    RegistrationConsoleController,
  ],
})
export class ConsolePagesModule {}
