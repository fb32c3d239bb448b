import { Module } from '@nestjs/common';
import { WebCoreModule } from 'src/web/web-core.module';

/** The organizer console for the programme and its outcomes: check-in, agenda, roadshows, docking, matching, deals, statistics. */
@Module({ imports: [WebCoreModule] })
export class ProgramPagesModule {}
