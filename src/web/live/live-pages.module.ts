import { Module } from '@nestjs/common';
import { AgendaModule } from 'src/agenda/agenda.module';
import { EventsModule } from 'src/events/events.module';
import { LivePageController } from 'src/web/live/live-page.controller';
import { WebCoreModule } from 'src/web/web-core.module';

/** The live stage of a session (`/live/:id`). */
@Module({
  imports: [WebCoreModule, EventsModule, AgendaModule],
  controllers: [LivePageController],
})
export class LivePagesModule {}
