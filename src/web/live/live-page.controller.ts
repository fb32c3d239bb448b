import { Controller, Get, Param, Req, Res, Type, UseFilters } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { ApiExcludeController } from '@nestjs/swagger';
import { FastifyReply, FastifyRequest } from 'fastify';
import { AgendaService } from 'src/agenda/agenda.service';
import { Public } from 'src/common/auth/decorators';
import { IdParamDto } from 'src/common/dto';
import { CommonError } from 'src/common/errors/common.errors';
import { toDomainError } from 'src/common/errors/to-domain-error';
import { EventsService } from 'src/events/events.service';
import { HEARTBEAT_MS } from 'src/live/audience';
import { LiveTalkService } from 'src/live/live-talk.service';
import { LiveService } from 'src/live/live.service';
import { PageErrorFilter } from 'src/web/page-error.filter';
import { PageRenderer } from 'src/web/page-renderer';

/**
 * The live page: what is known server-side (event, item, presenters, status, the approved
 * questions), and the player (`/assets/live.js`) that joins over the signalling socket. Whether one
 * may watch is the live service's rule, answered when the script joins.
 */
@ApiExcludeController()
@Public()
@UseFilters(PageErrorFilter)
@Controller('live')
export class LivePageController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly events: EventsService,
    private readonly agenda: AgendaService,
    private readonly moduleRef: ModuleRef,
  ) {}

  @Get(':id')
  async live(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param() params: IdParamDto,
  ): Promise<void> {
    const user = request.user;
    const session = await this.fromLiveStage(LiveService).get(user, params.id);
    const event = await this.events.get(user, session.eventId);
    const agenda = await this.agenda.agenda(user, event.id).catch((error: unknown) => {
      if (toDomainError(error)?.code === 'AGENDA_NOT_PUBLISHED') return { items: [] };
      throw error;
    });
    const item = agenda.items.find((i) => i.id === session.agendaItemId);
    const questions = await this.fromLiveStage(LiveTalkService).questions(user, session.id, {});
    const title = item ? `${item.title} · ${event.title}` : event.title;
    this.pages.send(reply, request, 'account/live', {
      title,
      scripts: session.status === 'live' ? ['live'] : [],
      session,
      event,
      item,
      questions: questions.filter((q) => q.status === 'approved' || q.status === 'answered'),
      // The button is offered where the service may record it: an enterprise, a presented result.
      intent: !!user?.roles.includes('enterprise') && !!item?.resultId,
      heartbeatMs: HEARTBEAT_MS,
    });
  }

  /** The live stage runs in the API process; scripts and some tests start without it. */
  private fromLiveStage<T>(service: Type<T>): T {
    try {
      return this.moduleRef.get(service, { strict: false });
    } catch {
      throw CommonError.NOT_FOUND({ reason: 'live streaming is not running here' });
    }
  }
}
