import { Module } from '@nestjs/common';
import { Forms } from 'src/web/forms';
import { PageRenderer } from 'src/web/page-renderer';
import { PageResponder } from 'src/web/page-responder';
import { Stylesheet } from 'src/web/stylesheet';

/** What every part of the site renders and reads forms with. */
@Module({
  providers: [PageRenderer, PageResponder, Forms, Stylesheet],
  exports: [PageRenderer, PageResponder, Forms, Stylesheet],
})
export class WebCoreModule {}
