import { Module } from '@nestjs/common';
import { AccountPagesModule } from 'src/web/account/account-pages.module';
import { AssetsController } from 'src/web/assets.controller';
import { ConsolePagesModule } from 'src/web/console/console-pages.module';
import { LivePagesModule } from 'src/web/live/live-pages.module';
import { PortalPagesModule } from 'src/web/portals/portal-pages.module';
import { PublicPagesModule } from 'src/web/public/public-pages.module';
import { SiteController } from 'src/web/site.controller';
import { WebCoreModule } from 'src/web/web-core.module';

/**
 * Server-rendered pages (templates/pages, templates/partials), zh-CN first, English by a switch.
 * The folders follow the URLs: `public/` (`/`, `/activities`, `/results`, `/sign-in`,
 * `/registrations/:id`, `/invitations/:id`), `account/` (`/sign-up`, `/account`), `live/`
 * (`/live/:id`), `console/` (`/console`), `portals/` (`/expert`, `/enterprise`).
 */
@Module({
  imports: [
    WebCoreModule,
    PublicPagesModule,
    AccountPagesModule,
    LivePagesModule,
    ConsolePagesModule,
    PortalPagesModule,
  ],
  // The site's wildcard (unknown addresses) is matched after every other route, wherever it is listed.
  controllers: [AssetsController, SiteController],
})
export class WebModule {}
