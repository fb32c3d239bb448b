import { Module } from '@nestjs/common';
import { PageRenderer } from 'src/web/page-renderer';

/** What every part of the site renders with. */
@Module({ providers: [PageRenderer], exports: [PageRenderer] })
export class WebCoreModule {}
