import { Module } from '@nestjs/common';
import { AgendaModule } from 'src/agenda/agenda.module';
import { CatalogModule } from 'src/catalog/catalog.module';
import { EventsModule } from 'src/events/events.module';
import { IdentityModule } from 'src/identity/identity.module';
import { InvitationsModule } from 'src/invitations/invitations.module';
import { RegistrationsModule } from 'src/registrations/registrations.module';
import { CatalogPagesController } from 'src/web/catalog-pages.controller';
import { PageRenderer } from 'src/web/page-renderer';
import { RegistrationPagesController } from 'src/web/registration-pages.controller';
import { WebController } from 'src/web/web.controller';

/** Server-rendered pages (templates/pages, templates/partials), zh-CN first, English by a switch. */
@Module({
  imports: [
    EventsModule,
    AgendaModule,
    CatalogModule,
    IdentityModule,
    RegistrationsModule,
    InvitationsModule,
  ],
  controllers: [WebController, RegistrationPagesController, CatalogPagesController],
  providers: [PageRenderer],
})
export class WebModule {}
