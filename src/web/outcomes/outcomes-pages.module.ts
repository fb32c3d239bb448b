import { Module } from '@nestjs/common';
import { WebCoreModule } from 'src/web/web-core.module';

/** The organizer console for outcomes: matching, the deals and follow-ups board, statistics. */
@Module({ imports: [WebCoreModule] })
export class OutcomesPagesModule {}
