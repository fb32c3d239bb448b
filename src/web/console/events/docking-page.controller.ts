import { Body, Controller, Get, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { FastifyReply, FastifyRequest } from 'fastify';
import { Roles } from 'src/common/auth/decorators';
import { IdParamDto } from 'src/common/dto';
import { FieldProblem } from 'src/common/errors/domain-error';
import { toDomainError } from 'src/common/errors/to-domain-error';
import { MEETING_LIFECYCLE } from 'src/docking/docking-status';
import { DockingMeetingsService } from 'src/docking/docking-meetings.service';
import { DockingSetupService } from 'src/docking/docking-setup.service';
import { DockingTablesDto, MeetingDto } from 'src/docking/dto/docking.dto';
import { EventAccess } from 'src/events/event-access';
import { doneOf, readForm } from 'src/web/forms';
import { PageErrorFilter } from 'src/web/page-error.filter';
import { PageRenderer } from 'src/web/page-renderer';
import {
  consoleEventOf,
  Done,
  Form,
  refusalOf,
  submitProgramForm,
} from 'src/web/console/events/program-page';

export class MeetingParamsDto {
  @IsUUID()
  id!: string;

  @IsUUID()
  meetingId!: string;
}

const DONE = ['tables', 'cancelled'];

/** The precise-docking session: its tables, the needs brought, the grid of 1:1 meetings. */
@ApiExcludeController()
@Roles('organizer')
@UseFilters(PageErrorFilter)
@Controller('console/events/:id/docking')
export class DockingPageController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly access: EventAccess,
    private readonly dockingSetup: DockingSetupService,
    private readonly dockingMeetings: DockingMeetingsService,
  ) {}

  @Get()
  async page(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param() params: IdParamDto,
    @Query() query: Form,
  ): Promise<void> {
    await this.show(reply, request, params.id, { done: doneOf(query.done, DONE) });
  }

  /** The tables, one name a line, replacing the earlier list. */
  @Post('tables')
  async setTables(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param() params: IdParamDto,
    @Body() body: Form,
  ): Promise<void> {
    const typed = {
      tables: (typeof body?.tables === 'string' ? body.tables : '')
        .split(/\r?\n/)
        .map((t) => t.trim())
        .filter(Boolean),
    };
    await this.submit(request, reply, params.id, 'tables', body ?? {}, async () => {
      const form = await readForm(DockingTablesDto, typed);
      if (!form.value) return form.problems;
      await this.dockingSetup.setTables(request.user!, params.id, form.value);
      return 'tables';
    });
  }

  @Post('meetings/:meetingId/cancel')
  async cancel(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param() params: MeetingParamsDto,
  ): Promise<void> {
    await this.submit(request, reply, params.id, 'meetings', {}, async () => {
      await this.dockingMeetings.cancel(request.user!, params.meetingId);
      return 'cancelled';
    });
  }

  private async submit(
    request: FastifyRequest,
    reply: FastifyReply,
    eventId: string,
    formName: string,
    shown: Form,
    action: () => Promise<Done | FieldProblem[]>,
  ): Promise<void> {
    const path = `/console/events/${eventId}/docking`;
    const refused = await submitProgramForm(this.pages, request, reply, path, action);
    if (refused)
      await this.show(reply, request, eventId, refusalOf(formName, shown, refused), refused.status);
  }

  private async show(
    reply: FastifyReply,
    request: FastifyRequest,
    eventId: string,
    data: Form,
    status = 200,
  ): Promise<void> {
    const user = request.user!;
    const context = this.pages.context(request);
    const consoleEvent = await consoleEventOf(this.access, user, eventId);
    const title = this.pages.text(context, 'program.docking.title');
    let tables: string[];
    try {
      tables = await this.dockingSetup.tables(user, eventId);
    } catch (error) {
      // Only a precise-docking session has tables and meetings; the page says so for the others.
      if (toDomainError(error)?.code !== 'DOCKING_NOT_A_SESSION') throw error;
      this.pages.send(reply, request, 'program/docking', {
        title,
        consoleEvent,
        notASession: true,
      });
      return;
    }
    const needs = await this.dockingSetup.sessionNeeds(user, eventId);
    const meetings = (await this.dockingMeetings.schedule(user, eventId)).map((meeting) => ({
      ...meeting,
      cancellable: MEETING_LIFECYCLE.can(meeting.status, 'cancelled'),
      outcomes: meeting.outcomes.map((o) => ({
        ...o,
        partyName: [meeting.requester, meeting.counterpart].find((p) => p.userId === o.userId)
          ?.name,
      })),
    }));
    const refused = (data.refused ?? {}) as Record<string, Form | undefined>;
    this.pages.send(
      reply,
      request,
      'program/docking',
      {
        title,
        consoleEvent,
        tables,
        tablesText: (refused.tables?.form as Form | undefined)?.tables ?? tables.join('\n'),
        needs,
        grid: gridOf(tables, meetings),
        unseated: meetings.filter((m) => !m.tableName),
        ...data,
      },
      status,
    );
  }
}

/** Tables × time slots (the slots the seated meetings take), each cell the meetings in it. */
function gridOf<M extends MeetingDto>(
  tables: string[],
  meetings: M[],
): { slots: { startsAt: Date; endsAt: Date }[]; rows: { table: string; cells: M[][] }[] } {
  const seated = meetings.filter((m) => m.tableName);
  const slotKey = (m: { startsAt: Date; endsAt: Date }) =>
    `${new Date(m.startsAt).toISOString()}/${new Date(m.endsAt).toISOString()}`;
  const slots = [...new Map(seated.map((m) => [slotKey(m), m])).values()]
    .map(({ startsAt, endsAt }) => ({ startsAt, endsAt }))
    .sort((a, b) => +new Date(a.startsAt) - +new Date(b.startsAt));
  const rows = tables.map((table) => ({
    table,
    cells: slots.map((slot) =>
      seated.filter((m) => m.tableName === table && slotKey(m) === slotKey(slot)),
    ),
  }));
  return { slots, rows };
}
