import { Module } from '@nestjs/common';
import { AgendaModule } from 'src/agenda/agenda.module';
import { CatalogModule } from 'src/catalog/catalog.module';
import { EventsModule } from 'src/events/events.module';
import { IdentityModule } from 'src/identity/identity.module';
import { InvitationsModule } from 'src/invitations/invitations.module';
import { PersonalDataModule } from 'src/personal-data/personal-data.module';
import { RegistrationsModule } from 'src/registrations/registrations.module';
import { CatalogPagesController } from 'src/web/public/catalog-pages.controller';
import { PublicPagesController } from 'src/web/public/public-pages.controller';
import { RegisterPagesController } from 'src/web/public/register-pages.controller';
import { RegistrationLinkPageController } from 'src/web/public/registration-link-page.controller';
import { TeamInvitationPageController } from 'src/web/public/team-invitation-page.controller';
import { WebCoreModule } from 'src/web/web-core.module';

/**
 * What anyone may open: the home page, activities, sign-in, the published results, registering
 * for an activity, answering an invitation, a registration's own page reached by its link, and a
 * team invitation's link.
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
    PersonalDataModule,
  ],
  controllers: [
    PublicPagesController,
    RegisterPagesController,
    CatalogPagesController,
    RegistrationLinkPageController,
    TeamInvitationPageController,
  ],
})
export class PublicPagesModule {}
