import { Module } from '@nestjs/common';
import { AuditModule } from 'src/audit/audit.module';
import { BackfillController } from 'src/backfill/backfill.controller';
import { BackfillService } from 'src/backfill/backfill.service';
import { StatsModule } from 'src/stats/stats.module';

/** Past programmes entered after the fact, and undone as a whole. */
@Module({
  imports: [AuditModule, StatsModule],
  controllers: [BackfillController],
  providers: [BackfillService],
  exports: [BackfillService],
})
export class BackfillModule {}
