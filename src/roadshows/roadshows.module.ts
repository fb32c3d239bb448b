import { Module } from '@nestjs/common';
import { AgendaModule } from 'src/agenda/agenda.module';
import { AuditModule } from 'src/audit/audit.module';
import { CatalogModule } from 'src/catalog/catalog.module';
import { EventsModule } from 'src/events/events.module';
import { NotificationsModule } from 'src/notifications/notifications.module';
import { RoadshowsController } from 'src/roadshows/roadshows.controller';
import { RoadshowsService } from 'src/roadshows/roadshows.service';

/** Calls for roadshows, submissions, reviews and decisions; accepted ones go to the agenda. */
@Module({
  imports: [EventsModule, NotificationsModule, AgendaModule, AuditModule, CatalogModule],
  controllers: [RoadshowsController],
  providers: [RoadshowsService],
  exports: [RoadshowsService],
})
export class RoadshowsModule {}
