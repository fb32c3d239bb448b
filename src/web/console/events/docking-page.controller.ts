import { Body, Param, Post, Req } from '@nestjs/common';
import { FastifyRequest } from 'fastify';
import { AuthUser } from 'src/common/auth/auth-user';
import { CurrentUser } from 'src/common/auth/decorators';
import { IdParamDto } from 'src/common/dto';
import { toDomainError } from 'src/common/errors/to-domain-error';
import { DockingMeetingsService } from 'src/docking/docking-meetings.service';
import { DockingSetupService } from 'src/docking/docking-setup.service';
import { DockingTablesDto } from 'src/docking/dto/docking.dto';
import { EventAccess } from 'src/events/event-access';
import { EventItemParamsDto } from 'src/web/console/console-event';
import { DockingPage, dockingPage, tablesOf } from 'src/web/console/events/docking.page';
import {
  ConsoleEvent,
  EventPages,
  EventPagesController,
  EventPageSpec,
  EventPageState,
} from 'src/web/console/events/event-pages';
import { confirmFirst } from 'src/web/confirm';
import { doneOf, Form, Forms } from 'src/web/forms';
import { PageAnswer } from 'src/web/page-answer';

const DONE = ['tables', 'cancelled'];

/** The precise-docking session: its tables, the needs brought, the grid of 1:1 meetings. */
@EventPagesController('docking')
export class DockingPageController extends EventPages {
  protected readonly spec: EventPageSpec = {
    section: 'docking',
    template: 'program/docking',
    titleKey: 'program.docking.title',
  };

  constructor(
    private readonly forms: Forms,
    protected readonly access: EventAccess,
    private readonly dockingSetup: DockingSetupService,
    private readonly dockingMeetings: DockingMeetingsService,
  ) {
    super();
  }

  /** The tables, one name a line, replacing the earlier list. */
  @Post('tables')
  async setTables(
    @Req() request: FastifyRequest,
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
    @Body() body: Form,
  ): Promise<PageAnswer> {
    const input = { tables: tablesOf(body?.tables) };
    const attempt = await this.forms.submit(request, { dto: DockingTablesDto, input }, (value) =>
      this.dockingSetup.setTables(user, params.id, value),
    );
    return this.after(request, user, params.id, attempt, { name: 'tables', typed: body }, 'tables');
  }

  @Post('meetings/:itemId/cancel')
  async cancel(
    @Req() request: FastifyRequest,
    @CurrentUser() user: AuthUser,
    @Param() params: EventItemParamsDto,
    @Body() body: Form,
  ): Promise<PageAnswer> {
    const page = `/console/events/${params.id}/docking`;
    const ask = confirmFirst(body, {
      question: 'confirm.cancelMeeting',
      name: typeof body?.who === 'string' ? body.who : '',
      button: 'confirm.cancelMeetingButton',
      action: `${page}/meetings/${params.itemId}/cancel`,
      back: page,
    });
    if (ask) return ask;
    const attempt = await this.forms.attempt(request, () =>
      this.dockingMeetings.cancel(user, params.itemId),
    );
    return this.after(request, user, params.id, attempt, { name: 'meetings' }, 'cancelled');
  }

  protected stateOf(query: Form): EventPageState {
    return { done: doneOf(query.done, DONE) };
  }

  protected async data(
    _request: FastifyRequest,
    user: AuthUser,
    event: ConsoleEvent,
    state: EventPageState,
  ): Promise<DockingPage | { notASession: true }> {
    let tables: string[];
    try {
      tables = await this.dockingSetup.tables(user, event.id);
    } catch (error) {
      // Only a precise-docking session has tables and meetings; the page says so for the others.
      if (toDomainError(error)?.code !== 'DOCKING_NOT_A_SESSION') throw error;
      return { notASession: true };
    }
    const needs = await this.dockingSetup.sessionNeeds(user, event.id);
    const meetings = await this.dockingMeetings.schedule(user, event.id);
    return dockingPage(tables, needs, meetings, state.refused);
  }
}
