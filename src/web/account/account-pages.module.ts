import { Module } from '@nestjs/common';
import { AgendaModule } from 'src/agenda/agenda.module';
import { CatalogModule } from 'src/catalog/catalog.module';
import { EventsModule } from 'src/events/events.module';
import { IdentityModule } from 'src/identity/identity.module';
import { RegistrationsModule } from 'src/registrations/registrations.module';
import { AccountPagesController } from 'src/web/account/account-pages.controller';
import { ExpertProfilePageController } from 'src/web/account/expert-profile-page.controller';
import { LivePageController } from 'src/web/account/live-page.controller';
import { RegistrationPageController } from 'src/web/account/registration-page.controller';
import { WebCoreModule } from 'src/web/web-core.module';

/** Sign-up, account, organization and password pages; the live page; a registration's own page. */
@Module({
  imports: [
    WebCoreModule,
    IdentityModule,
    EventsModule,
    AgendaModule,
    RegistrationsModule,
    CatalogModule,
  ],
  controllers: [
    AccountPagesController,
    ExpertProfilePageController,
    RegistrationPageController,
    LivePageController,
  ],
})
export class AccountPagesModule {}
