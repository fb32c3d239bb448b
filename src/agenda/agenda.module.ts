import { Module } from '@nestjs/common';
import { AgendaController } from 'src/agenda/agenda.controller';
import { AgendaService } from 'src/agenda/agenda.service';
import { PresenterMessages } from 'src/agenda/presenter-messages';
import { CatalogModule } from 'src/catalog/catalog.module';
import { EventsModule } from 'src/events/events.module';
import { NotificationsModule } from 'src/notifications/notifications.module';

/** Events' agendas: items in rooms and streams, presenters, visits' stops. */
@Module({
  imports: [EventsModule, NotificationsModule, CatalogModule],
  controllers: [AgendaController],
  providers: [AgendaService, PresenterMessages],
  exports: [AgendaService],
})
export class AgendaModule {}
