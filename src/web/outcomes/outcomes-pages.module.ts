import { Module } from '@nestjs/common';
import { CatalogModule } from 'src/catalog/catalog.module';
import { DealsModule } from 'src/deals/deals.module';
import { DockingModule } from 'src/docking/docking.module';
import { EventsModule } from 'src/events/events.module';
import { MatchingModule } from 'src/matching/matching.module';
import { StatsModule } from 'src/stats/stats.module';
import { DealsPagesController } from 'src/web/outcomes/deals-pages.controller';
import { FollowUpTitles } from 'src/web/outcomes/follow-up-titles';
import { MatchingPagesController } from 'src/web/outcomes/matching-pages.controller';
import { StatisticsPagesController } from 'src/web/outcomes/statistics-pages.controller';
import { WebCoreModule } from 'src/web/web-core.module';

/** The organizer console for outcomes: matching, the deals and follow-ups board, statistics. */
@Module({
  imports: [
    WebCoreModule,
    EventsModule,
    CatalogModule,
    MatchingModule,
    DockingModule,
    DealsModule,
    StatsModule,
  ],
  controllers: [MatchingPagesController, DealsPagesController, StatisticsPagesController],
  providers: [FollowUpTitles],
})
export class OutcomesPagesModule {}
