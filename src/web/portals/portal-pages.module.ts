import { ImportsModule } from 'src/imports/imports.module';
import { Module } from '@nestjs/common';
import { AgendaModule } from 'src/agenda/agenda.module';
import { CatalogModule } from 'src/catalog/catalog.module';
import { DealsModule } from 'src/deals/deals.module';
import { DockingModule } from 'src/docking/docking.module';
import { EventsModule } from 'src/events/events.module';
import { MatchingModule } from 'src/matching/matching.module';
import { PersonalDataModule } from 'src/personal-data/personal-data.module';
import { RegistrationsModule } from 'src/registrations/registrations.module';
import { RoadshowsModule } from 'src/roadshows/roadshows.module';
import { EnterpriseNeedsController } from 'src/web/portals/enterprise-needs.controller';
import { EnterprisePortalController } from 'src/web/portals/enterprise-portal.controller';
import { ExpertPortalController } from 'src/web/portals/expert-portal.controller';
import { ExpertResultsController } from 'src/web/portals/expert-results.controller';
import {
  EnterpriseIntentsController,
  ExpertIntentsController,
} from 'src/web/portals/portal-intents.controllers';
import {
  EnterpriseOrganizationsController,
  ExpertOrganizationsController,
} from 'src/web/portals/portal-organizations.controllers';
import { WebCoreModule } from 'src/web/web-core.module';

/**
 * The expert and enterprise portals (`/expert`, `/enterprise`). One's own list (results, needs)
 * is one page set for both (OwnEntriesPages), as are one's organizations (MembershipPages) and the
 * deals and docking rows.
 */
@Module({
  imports: [
    WebCoreModule,
    AgendaModule,
    CatalogModule,
    DealsModule,
    DockingModule,
    EventsModule,
    ImportsModule,
    MatchingModule,
    PersonalDataModule,
    RegistrationsModule,
    RoadshowsModule,
  ],
  controllers: [
    ExpertResultsController,
    ExpertPortalController,
    EnterpriseNeedsController,
    EnterprisePortalController,
    ExpertOrganizationsController,
    EnterpriseOrganizationsController,
    ExpertIntentsController,
    EnterpriseIntentsController,
  ],
})
export class PortalPagesModule {}
