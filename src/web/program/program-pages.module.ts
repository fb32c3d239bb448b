import { Module } from '@nestjs/common';
import { AgendaModule } from 'src/agenda/agenda.module';
import { DockingModule } from 'src/docking/docking.module';
import { EventsModule } from 'src/events/events.module';
import { IdentityModule } from 'src/identity/identity.module';
import { RegistrationsModule } from 'src/registrations/registrations.module';
import { RoadshowsModule } from 'src/roadshows/roadshows.module';
import { AgendaPageController } from 'src/web/program/agenda-page.controller';
import { CheckInPageController } from 'src/web/program/check-in-page.controller';
import { DockingPageController } from 'src/web/program/docking-page.controller';
import { RoadshowPageController } from 'src/web/program/roadshow-page.controller';
import { WebCoreModule } from 'src/web/web-core.module';

/** The organizer console for the programme: check-in, agenda builder, roadshow review, docking schedule. */
@Module({
  imports: [
    WebCoreModule,
    EventsModule,
    IdentityModule,
    RegistrationsModule,
    AgendaModule,
    RoadshowsModule,
    DockingModule,
  ],
  controllers: [
    CheckInPageController,
    AgendaPageController,
    RoadshowPageController,
    DockingPageController,
  ],
})
export class ProgramPagesModule {}
