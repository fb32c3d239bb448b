import { Module } from '@nestjs/common';
import { AgendaModule } from 'src/agenda/agenda.module';
import { EventsModule } from 'src/events/events.module';
import { IdentityModule } from 'src/identity/identity.module';
import { PageRenderer } from 'src/web/page-renderer';
import { WebController } from 'src/web/web.controller';

/** Server-rendered pages (templates/pages, templates/partials), zh-CN first, English by a switch. */
@Module({
  imports: [EventsModule, AgendaModule, IdentityModule],
  controllers: [WebController],
  providers: [PageRenderer],
})
export class WebModule {}
