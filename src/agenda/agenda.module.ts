import { Module } from '@nestjs/common';
import { AgendaController } from 'src/agenda/agenda.controller';
import { AgendaService } from 'src/agenda/agenda.service';
import { AgendaRooms } from 'src/agenda/agenda-rooms';
import { AgendaPublications } from 'src/agenda/agenda-publications';
import { PresenterMessages } from 'src/agenda/presenter-messages';
import { CatalogModule } from 'src/catalog/catalog.module';
import { EventsModule } from 'src/events/events.module';
import { RegistrationsModule } from 'src/registrations/registrations.module';
import { NotificationsModule } from 'src/notifications/notifications.module';

/** Events' agendas: items in rooms and streams, presenters, visits' stops. */
@Module({
  imports: [EventsModule, NotificationsModule, CatalogModule, RegistrationsModule],
  controllers: [AgendaController],
  providers: [AgendaService, AgendaRooms, AgendaPublications, PresenterMessages],
  exports: [AgendaService, AgendaRooms],
})
export class AgendaModule {}
