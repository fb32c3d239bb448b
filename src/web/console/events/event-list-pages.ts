import { Right } from 'src/access/rights';
import { Body, Get, NotFoundException, Param, Post, Query, Req } from '@nestjs/common';
import { Matches } from 'class-validator';
import { FastifyRequest } from 'fastify';
import { AuthUser } from 'src/common/auth/auth-user';
import { CurrentUser } from 'src/common/auth/decorators';
import { IdParamDto, PageQueryDto } from 'src/common/dto';
import { EventsService } from 'src/events/events.service';
import { filtersOf, Pager, pager } from 'src/web/console/console-actions';
import {
  EventItemParamsDto,
  eventHead,
  EventPageHead,
  textOf,
} from 'src/web/console/console-event';
import { confirmFirst } from 'src/web/confirm';
import { doneOf, Form, Forms, problemLines, readForm, Refusal } from 'src/web/forms';
import { PageAnswer, PageView, seeOther } from 'src/web/page-answer';
import { PageRenderer } from 'src/web/page-renderer';

/** Rows per page of an event's lists. */
const PAGE_SIZE = 50;

/** A page of an event's list, as the services answer it. */
export interface ListPage<I> {
  items: I[];
  total: number;
  limit: number;
  offset: number;
}

/** A button of the list's rows: what it does to the row's item, and the notice once done. */
export interface RowAction {
  done: string;
  run: (user: AuthUser, itemId: string) => Promise<unknown>;
  /** A destructive action asks first (`confirmFirst`): the question's and the button's texts. */
  confirm?: { question: string; button: string };
}

/** `/console/events/:id/<list>/:itemId/:action`: a row's button. */
export class RowActionParamsDto extends EventItemParamsDto {
  @Matches(/^[a-z]+$/)
  action!: string;
}

/** How one of an event's lists is read and named, and what its rows' buttons do. */
export interface EventListSpec<Q extends PageQueryDto, I> {
  /** Its page under the event (`/console/events/:id/<section>`), marked in the navigation. */
  section: string;
  /** The title's text, naming the event. */
  titleKey: string;
  /** What its buttons may announce (`?done=`). */
  notices: readonly string[];
  /** The rows' buttons by the last part of their path (`…/:itemId/resend`). */
  actions: Record<string, RowAction>;
  /** The list's query DTO (the API's), and the filters of it the page offers. */
  query: new () => Q;
  filters: readonly (keyof Q & string)[];
  read(user: AuthUser, eventId: string, query: Q): Promise<ListPage<I>>;
  /** The right over the event the list needs (`manage` unless it says; registrants: `admit`). */
  right?: Right;
}

/** What the list page may show besides the list: a notice, or a row's refused button. */
export interface ListState {
  done?: string;
  refusal?: Refusal;
}

/** What every list page shows: the event's head, the filters' problems and the pager. */
export interface ListHead extends EventPageHead {
  filterProblems: { message: string }[];
  pager: Pager;
}

/**
 * The pages of a list of an event's people (its invitations, its registrations): the filtered
 * list a page at a time, and the buttons of its rows, which come back to the list with their
 * notice or show it with the refusal. A controller extends this at the list's path.
 */
export abstract class EventListPages<Q extends PageQueryDto, I> {
  protected abstract readonly spec: EventListSpec<Q, I>;
  protected abstract readonly forms: Forms;
  protected abstract readonly pages: PageRenderer;
  protected abstract readonly events: EventsService;

  /** The list page with what it shows besides the list. */
  protected abstract show(
    request: FastifyRequest,
    user: AuthUser,
    eventId: string,
    state: ListState,
    status?: number,
  ): Promise<PageView>;

  @Get()
  page(
    @Req() request: FastifyRequest,
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
    @Query('done') done: unknown,
  ): Promise<PageAnswer> {
    return this.show(request, user, params.id, { done: doneOf(done, this.spec.notices) });
  }

  /** A row's button: back to the list with its notice, or the list with the refusal. */
  @Post(':itemId/:action')
  async act(
    @Req() request: FastifyRequest,
    @CurrentUser() user: AuthUser,
    @Param() params: RowActionParamsDto,
    @Body() body: Form,
  ): Promise<PageAnswer> {
    const { actions } = this.spec;
    if (!Object.hasOwn(actions, params.action)) throw new NotFoundException();
    const { done, run, confirm } = actions[params.action];
    const list = this.pathOf(params.id);
    const ask =
      confirm &&
      confirmFirst(body, {
        ...confirm,
        name: typeof body?.who === 'string' ? body.who : '',
        action: `${list}/${params.itemId}/${params.action}`,
        back: list,
      });
    if (ask) return ask;
    const { refused } = await this.forms.attempt(request, () => run(user, params.itemId));
    if (!refused) return seeOther(this.pathOf(params.id), done);
    return this.show(request, user, params.id, { refusal: refused }, refused.status);
  }

  protected pathOf(eventId: string): string {
    return `/console/events/${eventId}/${this.spec.section}`;
  }

  /**
   * The event (its organizers' only), and the page of its list the query asks for: a query the DTO
   * refuses shows the first page unfiltered, with the problems above the list.
   */
  protected async listed(
    request: FastifyRequest,
    user: AuthUser,
    eventId: string,
  ): Promise<{ head: ListHead; query: Q; items: I[] }> {
    const { section, titleKey, filters } = this.spec;
    const event = await this.events.managed(user, eventId, this.spec.right);
    const asked = await readForm(this.spec.query, {
      ...filtersOf(request, [...filters, 'offset']),
      limit: PAGE_SIZE,
    });
    const query = asked.value ?? Object.assign(new this.spec.query(), { limit: PAGE_SIZE });
    const list = await this.spec.read(user, event.id, query);
    const kept = Object.fromEntries(
      filters.map((name) => [name, query[name] as string | undefined]),
    );
    const text = textOf(this.pages, request);
    const head: ListHead = {
      ...eventHead(event, section, titleKey, text),
      filterProblems: problemLines(asked.problems, this.pages.context(request).locale),
      pager: pager(this.pathOf(event.id), kept, list),
    };
    return { head, query, items: list.items };
  }
}
