import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { IsOptional, IsString, IsUUID, MaxLength, ValidateIf } from 'class-validator';
import { FastifyReply, FastifyRequest } from 'fastify';
import { AuthUser } from 'src/common/auth/auth-user';
import { CurrentUser, Roles } from 'src/common/auth/decorators';
import { IdParamDto } from 'src/common/dto';
import { EventQueryDto } from 'src/events/dto/event.dto';
import { EventAccess } from 'src/events/event-access';
import { EventsService } from 'src/events/events.service';
import { OrganizationTree } from 'src/identity/organization-tree';
import { RollupQueryDto } from 'src/stats/dto/stats.dto';
import { StatisticsService } from 'src/stats/statistics.service';
import { textOf } from 'src/web/console/console-event';
import { ConsoleScopes } from 'src/web/console/organizations/console-scopes';
import {
  BranchPage,
  branchPage,
  ChildFigures,
  ORGANIZATION_COOKIE,
} from 'src/web/console/organizations/organizations.page';
import { PageAnswer, PageView, redirect, view } from 'src/web/page-answer';
import { PageRenderer } from 'src/web/page-renderer';
import { PageController } from 'src/web/page-responder';
import { safeNext } from 'src/web/web-request';

/** A child's latest events shown in its row. */
const LATEST = 5;

/** The switcher's choice: an organization, or none (`''`) for all of one's organizations. */
export class ChooseOrganizationDto {
  @IsOptional()
  @ValidateIf((o: ChooseOrganizationDto) => o.organizationId !== '')
  @IsUUID()
  organizationId?: string;

  /** The page to come back to. */
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  next?: string;
}

/**
 * The console's organization switcher (its choice kept in a cookie) and an organization's
 * read-only view of its children, with their figures and latest events.
 */
@PageController()
@Roles('organizer')
@Controller('console')
export class OrganizationsPageController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly tree: OrganizationTree,
    private readonly scopes: ConsoleScopes,
    private readonly events: EventsService,
    private readonly eventAccess: EventAccess,
    private readonly statistics: StatisticsService,
  ) {}

  /** The switcher: the organization chosen (or all of them again), then back to the page. */
  @Post('organization')
  choose(
    @Res({ passthrough: true }) reply: FastifyReply,
    @Body() body: ChooseOrganizationDto,
  ): PageAnswer {
    if (body.organizationId) {
      reply.setCookie(ORGANIZATION_COOKIE, body.organizationId, {
        path: '/console',
        httpOnly: true,
        sameSite: 'lax',
        maxAge: 365 * 24 * 3600,
      });
    } else {
      reply.clearCookie(ORGANIZATION_COOKIE, { path: '/console' });
    }
    return redirect(safeNext(body.next ?? '/console'));
  }

  /** The organization's children with their figures; 404 for whoever has no sight of it. */
  @Get('organizations/:id')
  async branch(
    @Req() request: FastifyRequest,
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
  ): Promise<PageView<BranchPage>> {
    const branch = await this.tree.branch(user, params.id);
    const figures: ChildFigures[] = [];
    for (const child of branch.children) figures.push(await this.figuresOf(user, child.id));
    const managed = await this.eventAccess.managedBy(user);
    const { switcher } = await this.scopes.of(request, user);
    const text = textOf(this.pages, request);
    const { locale } = this.pages.context(request);
    return view(
      'console/organizations',
      branchPage(branch, figures, { text, locale, managed }, switcher),
    );
  }

  /** The organization's events with those below it: how many, the latest, and their roll-up. */
  private async figuresOf(user: AuthUser, organizationId: string): Promise<ChildFigures> {
    const events = await this.events.list(
      user,
      Object.assign(new EventQueryDto(), {
        inside: true,
        organizationId,
        order: 'desc',
        limit: LATEST,
        offset: 0,
      }),
    );
    const rollup = await this.statistics.rollup(
      user,
      Object.assign(new RollupQueryDto(), { organizationId }),
    );
    return { events: { total: events.total, latest: events.items }, rollup };
  }
}
