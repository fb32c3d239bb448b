import { Module } from '@nestjs/common';
import { WebCoreModule } from 'src/web/web-core.module';

/** The expert and enterprise portals. */
@Module({ imports: [WebCoreModule] })
export class PortalPagesModule {}
