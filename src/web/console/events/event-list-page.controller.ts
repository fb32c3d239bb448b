import { Controller, Get, Query, Req } from '@nestjs/common';
import { FastifyRequest } from 'fastify';
import { AuthUser } from 'src/common/auth/auth-user';
import { CurrentUser, Roles } from 'src/common/auth/decorators';
import { SearchQueryDto } from 'src/common/dto';
import { EventQueryDto } from 'src/events/dto/event.dto';
import { EventsService } from 'src/events/events.service';
import { textOf } from 'src/web/console/console-event';
import {
  eventListFilters,
  eventListPage,
  eventListQuery,
} from 'src/web/console/events/event-list.page';
import { PageView, view } from 'src/web/page-answer';
import { PageRenderer } from 'src/web/page-renderer';
import { PageController } from 'src/web/page-responder';

/**
 * Every event the organizer sees (their organizations' and those below, as the access policy's
 * `figures` scope gives them), filtered by coming, past or drafts, by kind and series, a page at a
 * time: past events are reached without typing their address.
 */
@PageController()
@Roles('organizer')
@Controller('console/events')
export class EventListPageController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly events: EventsService,
  ) {}

  @Get()
  async list(
    @Req() request: FastifyRequest,
    @CurrentUser() user: AuthUser,
    @Query() query: Record<string, unknown>,
  ): Promise<PageView> {
    const filters = eventListFilters(query);
    const now = new Date();
    const asked = Object.assign(new EventQueryDto(), eventListQuery(filters, now));
    const found = await this.events.list(user, asked);
    const series = await this.events.listSeries(user, new SearchQueryDto());
    const title = textOf(this.pages, request)('console.events.title');
    return view('console/events', eventListPage(title, filters, found, series, now), {
      titleKey: 'console.events.title',
    });
  }
}
