import { Body, Controller, Get, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { FastifyReply, FastifyRequest } from 'fastify';
import { Roles } from 'src/common/auth/decorators';
import { IdParamDto } from 'src/common/dto';
import { InvitationQueryDto, InviteResultDto } from 'src/invitations/dto/invitation.dto';
import { InvitationView } from 'src/invitations/invitation-status';
import { InvitationsService } from 'src/invitations/invitations.service';
import {
  CodedRefusal,
  filtersOf,
  pager,
  refusalOf,
  runAction,
} from 'src/web/console/console-actions';
import { EventsService } from 'src/events/events.service';
import { EventItemParamsDto, navOf } from 'src/web/console/console-event';
import { doneOf, problemLines, readForm } from 'src/web/forms';
import { PageErrorFilter } from 'src/web/page-error.filter';
import { PageRenderer } from 'src/web/page-renderer';

const PAGE_SIZE = 50;
const NOTICES = ['resent', 'revoked'] as const;
const VIEWS: readonly InvitationView[] = [
  'created',
  'sent',
  'failed',
  'opened',
  'accepted',
  'declined',
  'revoked',
  'expired',
];
/** Invitations no one can act on any more: answered for good, withdrawn, or past the event's start. */
const SETTLED: readonly InvitationView[] = ['accepted', 'revoked', 'expired'];

/** What the invitations page may show besides the list. */
interface InvitationsState {
  report?: InviteResultDto;
  refusal?: CodedRefusal;
  csv?: string;
  fields?: Record<string, string>;
  done?: string;
}

/** Inviting people to an event from a CSV list, and following up on the invitations. */
@ApiExcludeController()
@Roles('organizer')
@UseFilters(PageErrorFilter)
@Controller('console/events/:id/invitations')
export class InvitationPagesController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly invitations: InvitationsService,
    private readonly events: EventsService,
  ) {}

  @Get()
  async page(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param() params: IdParamDto,
    @Query('done') done: unknown,
  ): Promise<void> {
    await this.render(request, reply, params.id, { done: doneOf(done, NOTICES) });
  }

  /**
   * The list comes as the form's text area, or as the file itself (`text/csv`, sent by the upload
   * script so that it can show the upload's progress); either way the report is the page.
   */
  @Post()
  async upload(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param() params: IdParamDto,
    @Body() body: unknown,
  ): Promise<void> {
    const user = request.user!;
    const pasted = (body as { csv?: unknown } | undefined)?.csv;
    const csv = typeof body === 'string' ? body : typeof pasted === 'string' ? pasted : '';
    const context = this.pages.context(request);
    if (csv.trim() === '') {
      const fields = { csv: this.pages.text(context, 'console.invitations.empty') };
      await this.render(request, reply, params.id, { fields }, 400);
      return;
    }
    let report: InviteResultDto | undefined;
    const refusal = await refusalOf(context.locale, async () => {
      report = await this.invitations.inviteCsv(user, params.id, csv);
    });
    // Shown at once rather than redirected: the report is what the upload was for.
    await this.render(
      request,
      reply,
      params.id,
      refusal ? { refusal, csv: typeof body === 'string' ? '' : csv } : { report },
      refusal?.status,
    );
  }

  @Post(':itemId/resend')
  async resend(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param() params: EventItemParamsDto,
  ): Promise<void> {
    await this.act(request, reply, params, 'resent', () =>
      this.invitations.resend(request.user!, params.itemId),
    );
  }

  @Post(':itemId/revoke')
  async revoke(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param() params: EventItemParamsDto,
  ): Promise<void> {
    await this.act(request, reply, params, 'revoked', () =>
      this.invitations.revoke(request.user!, params.itemId),
    );
  }

  private async act(
    request: FastifyRequest,
    reply: FastifyReply,
    params: EventItemParamsDto,
    done: (typeof NOTICES)[number],
    action: () => Promise<unknown>,
  ): Promise<void> {
    const { locale } = this.pages.context(request);
    const path = `/console/events/${params.id}/invitations`;
    const refusal = await runAction(reply, locale, { path, done }, action);
    if (refusal) await this.render(request, reply, params.id, { refusal }, refusal.status);
  }

  private async render(
    request: FastifyRequest,
    reply: FastifyReply,
    eventId: string,
    state: InvitationsState,
    status = 200,
  ): Promise<void> {
    const user = request.user!;
    const context = this.pages.context(request);
    const event = await this.events.managed(user, eventId);
    const query = await readForm(InvitationQueryDto, {
      ...filtersOf(request, ['status', 'offset']),
      limit: PAGE_SIZE,
    });
    const filters = query.value ?? Object.assign(new InvitationQueryDto(), { limit: PAGE_SIZE });
    const list = await this.invitations.list(user, event.id, filters);
    const path = `/console/events/${event.id}/invitations`;
    this.pages.send(
      reply,
      request,
      'console/invitations',
      {
        title: this.pages.text(context, 'console.invitations.title', { event: event.title }),
        section: 'invitations',
        consoleEvent: navOf(event),
        event,
        views: VIEWS,
        filter: filters.status ?? '',
        filterProblems: problemLines(query.problems, context.locale),
        invitations: list.items.map((invitation) => ({
          ...invitation,
          revocable: !SETTLED.includes(invitation.status),
          resendable: !SETTLED.includes(invitation.status) && invitation.status !== 'declined',
        })),
        pager: pager(path, { status: filters.status }, list),
        scripts: ['console-upload'],
        ...state,
      },
      status,
    );
  }
}
