import { Module } from '@nestjs/common';
import { WebCoreModule } from 'src/web/web-core.module';

/** The organizer console for the programme: check-in, agenda builder, roadshow review, docking schedule. */
@Module({ imports: [WebCoreModule] })
export class ProgramPagesModule {}
