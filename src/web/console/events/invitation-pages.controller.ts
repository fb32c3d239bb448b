import { Body, Controller, Get, Param, Post, Req } from '@nestjs/common';
import { IsUUID } from 'class-validator';
import { FastifyRequest } from 'fastify';
import { AuthUser } from 'src/common/auth/auth-user';
import { CurrentUser, Roles } from 'src/common/auth/decorators';
import { IdParamDto } from 'src/common/dto';
import { EventsService } from 'src/events/events.service';
import { ImportDto } from 'src/imports/dto/import.dto';
import { Imports } from 'src/imports/imports';
import { InvitationDto, InvitationQueryDto } from 'src/invitations/dto/invitation.dto';
import { InvitationsService } from 'src/invitations/invitations.service';
import { textOf } from 'src/web/console/console-event';
import { EventListPages, EventListSpec, ListState } from 'src/web/console/events/event-list-pages';
import { INVITATION_VIEWS, invitationRow } from 'src/web/console/events/event-lists.page';
import { Forms } from 'src/web/forms';
import { PageAnswer, PageView, seeOther, view } from 'src/web/page-answer';
import { PageController } from 'src/web/page-responder';
import { PageRenderer } from 'src/web/page-renderer';

/** What the invitations page may show besides the list: an upload's report, or what was refused. */
interface InvitationsState extends ListState {
  report?: ImportDto;
  csv?: string;
  fields?: Record<string, string>;
}

/** The event and one of its invitation imports. */
class ImportParamsDto extends IdParamDto {
  @IsUUID()
  importId!: string;
}

/** Inviting people to an event from a CSV list, and following up on the invitations. */
@PageController()
@Roles('organizer')
@Controller('console/events/:id/invitations')
export class InvitationPagesController extends EventListPages<InvitationQueryDto, InvitationDto> {
  protected readonly spec: EventListSpec<InvitationQueryDto, InvitationDto> = {
    section: 'invitations',
    titleKey: 'console.invitations.title',
    notices: ['resent', 'revoked'],
    actions: {
      resend: { done: 'resent', run: (user, id) => this.invitations.resend(user, id) },
      revoke: {
        done: 'revoked',
        run: (user, id) => this.invitations.revoke(user, id),
        confirm: { question: 'confirm.revokeInvitation', button: 'confirm.revokeInvitationButton' },
      },
    },
    query: InvitationQueryDto,
    filters: ['status'],
    read: (user, eventId, query) => this.invitations.list(user, eventId, query),
  };

  constructor(
    protected readonly forms: Forms,
    protected readonly pages: PageRenderer,
    protected readonly events: EventsService,
    private readonly invitations: InvitationsService,
    private readonly imports: Imports,
  ) {
    super();
  }

  /**
   * The list comes as the form's text area, or as the file itself (CSV or XLSX, sent by the upload
   * script so that it can show the upload's progress); either way it is imported as a job, whose
   * progress and report the page then shows.
   */
  @Post()
  async upload(
    @Req() request: FastifyRequest,
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
    @Body() body: unknown,
  ): Promise<PageAnswer> {
    const pasted = (body as { csv?: unknown } | undefined)?.csv;
    const file = Buffer.isBuffer(body) ? body : typeof pasted === 'string' ? pasted : '';
    if (file.length === 0 || (typeof file === 'string' && file.trim() === '')) {
      const fields = { csv: textOf(this.pages, request)('console.invitations.empty') };
      return this.show(request, user, params.id, { fields }, 400);
    }
    const sheet = { content: file, mediaType: request.headers['content-type'] };
    const { value: job, refused } = await this.forms.attempt(request, () =>
      this.invitations.inviteTable(user, params.id, sheet),
    );
    if (!refused) return seeOther(`/console/events/${params.id}/invitations/imports/${job.id}`);
    const state = { refusal: refused, csv: typeof file === 'string' ? file : '' };
    return this.show(request, user, params.id, state, refused.status);
  }

  /** An upload's progress while it runs (the page's script follows it), then its report. */
  @Get('imports/:importId')
  async importReport(
    @Req() request: FastifyRequest,
    @CurrentUser() user: AuthUser,
    @Param() params: ImportParamsDto,
  ): Promise<PageAnswer> {
    const report = await this.imports.get(user, params.importId);
    return this.show(request, user, params.id, { report });
  }

  protected async show(
    request: FastifyRequest,
    user: AuthUser,
    eventId: string,
    state: InvitationsState,
    status?: number,
  ): Promise<PageView> {
    const { head, query, items } = await this.listed(request, user, eventId);
    return view(
      'console/invitations',
      {
        ...head,
        views: INVITATION_VIEWS,
        filter: query.status ?? '',
        invitations: items.map(invitationRow),
        scripts: ['console-upload', 'import-progress'],
        ...state,
      },
      { status },
    );
  }
}
