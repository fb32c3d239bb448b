import { Module } from '@nestjs/common';
import { CatalogBatches } from 'src/catalog/catalog-batches';
import { OrganizationRights } from 'src/catalog/organization-rights';
import { ImportsModule } from 'src/imports/imports.module';
import { ExpertsController } from 'src/catalog/experts.controller';
import { ExpertsService } from 'src/catalog/experts.service';
import { NeedsController } from 'src/catalog/needs.controller';
import { NeedsService } from 'src/catalog/needs.service';
import { ResultsController } from 'src/catalog/results.controller';
import { ResultsService } from 'src/catalog/results.service';
import { Releases } from 'src/catalog/releases';
import { EventsModule } from 'src/events/events.module';

/**
 * Research results, technical needs and expert profiles: the catalog that matching ranks, and the
 * programmes each was brought into (Releases), which say who curates it.
 */
@Module({
  imports: [EventsModule, ImportsModule],
  controllers: [ResultsController, NeedsController, ExpertsController],
  providers: [
    OrganizationRights,
    CatalogBatches,
    Releases,
    ResultsService,
    NeedsService,
    ExpertsService,
  ],
  exports: [NeedsService, ResultsService, ExpertsService, Releases],
})
export class CatalogModule {}
