import { Module } from '@nestjs/common';
import { WebCoreModule } from 'src/web/web-core.module';

/** The organizer console: dashboard, event editor, invitations, registrations. */
@Module({ imports: [WebCoreModule] })
export class ConsolePagesModule {}
