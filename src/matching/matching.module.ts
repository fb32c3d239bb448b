import { Module } from '@nestjs/common';
import { CatalogModule } from 'src/catalog/catalog.module';
import { MatchingController } from 'src/matching/matching.controller';
import { MatchingService } from 'src/matching/matching.service';

/** Ranking results and experts for needs, and the organizers' decisions on the pairs. */
@Module({
  imports: [CatalogModule],
  controllers: [MatchingController],
  providers: [MatchingService],
  exports: [MatchingService],
})
export class MatchingModule {}
