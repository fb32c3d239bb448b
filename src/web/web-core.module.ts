import { Module } from '@nestjs/common';
import { PageRenderer } from 'src/web/page-renderer';
import { Stylesheet } from 'src/web/stylesheet';

/** What every part of the site renders with. */
@Module({ providers: [PageRenderer, Stylesheet], exports: [PageRenderer, Stylesheet] })
export class WebCoreModule {}
