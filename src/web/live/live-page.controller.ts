import { Controller, Get, Param, Type } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { AgendaService } from 'src/agenda/agenda.service';
import { AuthUser } from 'src/common/auth/auth-user';
import { OptionalUser, Public } from 'src/common/auth/decorators';
import { IdParamDto } from 'src/common/dto';
import { CommonError } from 'src/common/errors/common.errors';
import { EventsService } from 'src/events/events.service';
import { LiveTalkService } from 'src/live/live-talk.service';
import { LiveService } from 'src/live/live.service';
import { livePage } from 'src/web/live/live.page';
import { PageAnswer, view } from 'src/web/page-answer';
import { PageController } from 'src/web/page-responder';
import { publishedAgenda } from 'src/web/public/public.page';

/**
 * The live page: what is known server-side (event, item, presenters, status, the approved
 * questions), and the player (`/assets/live.js`) that joins over the signalling socket. Whether one
 * may watch is the live service's rule, answered when the script joins.
 */
@PageController()
@Public()
@Controller('live')
export class LivePageController {
  constructor(
    private readonly events: EventsService,
    private readonly agenda: AgendaService,
    private readonly moduleRef: ModuleRef,
  ) {}

  @Get(':id')
  async live(
    @OptionalUser() user: AuthUser | undefined,
    @Param() params: IdParamDto,
  ): Promise<PageAnswer> {
    const session = await this.fromLiveStage(LiveService).get(user, params.id);
    const event = await this.events.get(user, session.eventId);
    const agenda = await publishedAgenda(this.agenda.publishedAgenda(user, event.id));
    const questions = await this.fromLiveStage(LiveTalkService).questions(user, session.id, {});
    return view('account/live', livePage(session, event, agenda, questions, user));
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
