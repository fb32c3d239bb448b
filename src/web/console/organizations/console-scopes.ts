import { Injectable } from '@nestjs/common';
import { FastifyRequest } from 'fastify';
import { AuthUser } from 'src/common/auth/auth-user';
import { OrganizationTree } from 'src/identity/organization-tree';
import { textOf } from 'src/web/console/console-event';
import {
  ConsoleScope,
  consoleScope,
  ORGANIZATION_COOKIE,
} from 'src/web/console/organizations/organizations.page';
import { PageRenderer } from 'src/web/page-renderer';
import { safeNext } from 'src/web/web-request';

/**
 * The organization the console is narrowed to, as the switcher's cookie names it (only while the
 * person still sees it), with the switcher for the page's header.
 */
@Injectable()
export class ConsoleScopes {
  constructor(
    private readonly tree: OrganizationTree,
    private readonly pages: PageRenderer,
  ) {}

  async of(request: FastifyRequest, user: AuthUser): Promise<ConsoleScope> {
    return consoleScope(
      await this.tree.inSightOf(user),
      request.cookies?.[ORGANIZATION_COOKIE],
      safeNext(request.url),
      textOf(this.pages, request),
    );
  }
}
