import { Module } from '@nestjs/common';
import { AgendaModule } from 'src/agenda/agenda.module';
import { CatalogModule } from 'src/catalog/catalog.module';
import { EventsModule } from 'src/events/events.module';
import { IdentityModule } from 'src/identity/identity.module';
import { InvitationsModule } from 'src/invitations/invitations.module';
import { RegistrationsModule } from 'src/registrations/registrations.module';
import { AccountPagesModule } from 'src/web/account/account-pages.module';
import { AssetsController } from 'src/web/assets.controller';
import { CatalogPagesController } from 'src/web/catalog-pages.controller';
import { ConsolePagesModule } from 'src/web/console/console-pages.module';
import { OutcomesPagesModule } from 'src/web/outcomes/outcomes-pages.module';
import { PortalPagesModule } from 'src/web/portals/portal-pages.module';
import { ProgramPagesModule } from 'src/web/program/program-pages.module';
import { RegistrationPagesController } from 'src/web/registration-pages.controller';
import { WebController } from 'src/web/web.controller';
import { WebCoreModule } from 'src/web/web-core.module';

/**
 * Server-rendered pages (templates/pages, templates/partials), zh-CN first, English by a switch:
 * the public pages here, each other part of the site in its own module.
 */
@Module({
  imports: [
    WebCoreModule,
    EventsModule,
    AgendaModule,
    CatalogModule,
    IdentityModule,
    RegistrationsModule,
    InvitationsModule,
    AccountPagesModule,
    ConsolePagesModule,
    ProgramPagesModule,
    OutcomesPagesModule,
    PortalPagesModule,
  ],
  controllers: [
    WebController,
    RegistrationPagesController,
    CatalogPagesController,
    AssetsController,
  ],
})
export class WebModule {}
