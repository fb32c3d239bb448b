import { Body, Controller, Get, Param, Post, Query, Req } from '@nestjs/common';
import { FastifyRequest } from 'fastify';
import { BackfillService } from 'src/backfill/backfill.service';
import { RowProblem } from 'src/backfill/backfill-rows';
import { AuthUser } from 'src/common/auth/auth-user';
import { CurrentUser, Roles } from 'src/common/auth/decorators';
import { IdParamDto } from 'src/common/dto';
import { ImportLimited } from 'src/common/import-limit.guard';
import { TeamService } from 'src/identity/team.service';
import {
  BACKFILL_NOTICES,
  backfillsPage,
  BackfillsPage,
  rowProblemsOf,
} from 'src/web/console/backfills/backfills.page';
import { textOf } from 'src/web/console/console-event';
import { ConsoleScopes } from 'src/web/console/organizations/console-scopes';
import { doneOf, Form, Forms, Refusal } from 'src/web/forms';
import { confirmFirst } from 'src/web/confirm';
import { PageAnswer, PageView, seeOther, view } from 'src/web/page-answer';
import { PageRenderer } from 'src/web/page-renderer';
import { PageController } from 'src/web/page-responder';

const BACKFILLS = '/console/backfills';

interface Shown {
  done?: string;
  problems?: RowProblem[];
  refusal?: Refusal;
  refusedId?: string;
  organizationId?: string;
}

/**
 * Back-filling a past programme from the console (补录往年项目): the workbook's template, its
 * upload (sent as it is by the page's script, with a progress bar), what a refused workbook got
 * wrong by sheet and line, and each back-fill with its undo.
 */
@PageController()
@Roles('organizer')
@Controller('console/backfills')
export class BackfillPagesController {
  constructor(
    private readonly forms: Forms,
    private readonly pages: PageRenderer,
    private readonly teams: TeamService,
    private readonly scopes: ConsoleScopes,
    private readonly backfills: BackfillService,
  ) {}

  @Get()
  page(
    @Req() request: FastifyRequest,
    @CurrentUser() user: AuthUser,
    @Query('done') done: unknown,
  ): Promise<PageView<BackfillsPage>> {
    return this.show(request, user, { done: doneOf(done, BACKFILL_NOTICES) });
  }

  /** The workbook, as the page's script sends it; refused rows come back by sheet and line. */
  @Post(':id')
  @ImportLimited()
  async upload(
    @Req() request: FastifyRequest,
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
    @Body() body: unknown,
  ): Promise<PageAnswer> {
    const mediaType = request.headers['content-type'];
    let problems: RowProblem[] | undefined;
    const { refused } = await this.forms.attempt(request, () =>
      this.backfills.backfillWorkbook(user, params.id, body, mediaType).catch((error) => {
        problems = rowProblemsOf(error);
        throw error;
      }),
    );
    if (!refused) return seeOther(BACKFILLS, 'imported');
    const shown = { problems, refusal: refused, organizationId: params.id };
    return this.show(request, user, shown, refused.status);
  }

  @Post(':id/undo')
  async undo(
    @Req() request: FastifyRequest,
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
    @Body() body: Form,
  ): Promise<PageAnswer> {
    const ask = confirmFirst(body, {
      question: 'confirm.undoBackfill',
      button: 'confirm.undoBackfillButton',
      action: `${BACKFILLS}/${params.id}/undo`,
      back: BACKFILLS,
    });
    if (ask) return ask;
    const { refused } = await this.forms.attempt(request, () =>
      this.backfills.undo(user, params.id),
    );
    if (!refused) return seeOther(BACKFILLS, 'undone');
    const shown = { refusal: refused, refusedId: params.id };
    return this.show(request, user, shown, refused.status);
  }

  private async show(
    request: FastifyRequest,
    user: AuthUser,
    shown: Shown,
    status?: number,
  ): Promise<PageView<BackfillsPage>> {
    const managed = await this.teams.managed(user);
    const { organizationId, switcher } = await this.scopes.of(request, user);
    const wanted = shown.organizationId ?? organizationId;
    const organization = managed.find((o) => o.id === wanted) ?? managed[0];
    const backfills = organization ? await this.backfills.list(user, organization.id) : [];
    const title = textOf(this.pages, request)('outcomes.backfills.title');
    const page = backfillsPage(title, organization, backfills, shown);
    return view(
      'outcomes/backfills',
      { ...page, switcher },
      { status, titleKey: 'outcomes.backfills.title' },
    );
  }
}
