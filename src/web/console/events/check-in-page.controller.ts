import { Body, Get, Param, Post, Query, Req } from '@nestjs/common';
import QRCode from 'qrcode';
import { FastifyRequest } from 'fastify';
import { AuthUser } from 'src/common/auth/auth-user';
import { CurrentUser } from 'src/common/auth/decorators';
import { IdParamDto } from 'src/common/dto';
import { EventAccess } from 'src/events/event-access';
import { SECTORS } from 'src/events/sectors';
import { CheckInService } from 'src/registrations/check-in.service';
import {
  AttendanceDto,
  CheckInDto,
  CheckInSearchDto,
  RegistrationDto,
  RosterEntryDto,
} from 'src/registrations/dto/registration.dto';
import {
  ConsoleEvent,
  EventPages,
  EventPagesController,
  EventPageSpec,
  EventPageState,
} from 'src/web/console/events/event-pages';
import { doneOf, Form, Forms } from 'src/web/forms';
import { PageAnswer, view } from 'src/web/page-answer';
import { PageRenderer } from 'src/web/page-renderer';

/** The name and mobile search, as typed (in the query, or brought along by a hit's button). */
type Search = { name?: unknown; mobileLast4?: unknown };

/** The door also shows who was checked in last, and the search being made. */
interface CheckInState extends EventPageState {
  who?: string;
  search?: Search;
}

/** The door's count, who came last, and the search with its hits or what it refused. */
interface CheckInPage {
  attendance: AttendanceDto;
  who?: string;
  search: Search;
  searchFields?: Record<string, string>;
  hits?: RegistrationDto[];
  scripts: string[];
  /** The sectors' names for the door's banner, and the zone its times are told in. */
  sectors: readonly string[];
  timeZone: string;
  /** The site's menu folds on this page, so that the code field comes first on a phone. */
  collapseMenu: true;
}

/** A badge or table tent: the person, their sector's colour and their code's QR. */
interface Badge extends RosterEntryDto {
  qrSvg: string;
}

/** The door, on a phone: typed code, name and phone search, camera scan (check-in.ts), the count. */
@EventPagesController('check-in')
export class CheckInPageController extends EventPages<CheckInState> {
  protected readonly spec: EventPageSpec = {
    section: 'check-in',
    template: 'program/check-in',
    titleKey: 'program.checkIn.title',
    right: 'admit',
  };

  constructor(
    private readonly forms: Forms,
    protected readonly access: EventAccess,
    private readonly checkIns: CheckInService,
    private readonly pages: PageRenderer,
  ) {
    super();
  }

  /**
   * Badges (or, `?layout=tent`, table tents) of the confirmed registrants as a page styled for
   * print: the browser prints it to PDF with the reader's own CJK fonts.
   */
  @Get('badges')
  async badges(
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
    @Query('layout') layout: unknown,
  ): Promise<PageAnswer> {
    const { id, title } = await this.access.eventFor(user, params.id, 'admit');
    const roster = await this.checkIns.roster(user, id, 'badges');
    const badges: Badge[] = [];
    for (const entry of roster) badges.push({ ...entry, qrSvg: await qrSvgOf(entry.code) });
    const tent = layout === 'tent';
    const titleKey = tent ? 'program.checkIn.tents' : 'program.checkIn.badges';
    const page = { consoleEvent: { id, title }, badges, tent, collapseMenu: true };
    return view('program/badges', page, { titleKey });
  }

  /** A typed code, or the button beside a search hit (which brings the search along to go back to). */
  @Post()
  async checkIn(
    @Req() request: FastifyRequest,
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
    @Body() body: Form,
  ): Promise<PageAnswer> {
    const input = { code: body?.code, registrationId: body?.registrationId };
    const search = body?.registrationId ? searchOf(body) : {};
    const attempt = await this.forms.submit(request, { dto: CheckInDto, input }, (value) =>
      this.checkIns.checkIn(user, params.id, value),
    );
    const shown = { name: input.registrationId ? 'hit' : 'code', typed: input, state: { search } };
    return this.after(request, user, params.id, attempt, shown, (registration) =>
      this.back(params.id, 'checked-in', { who: registration.name, ...stringsOf(search) }),
    );
  }

  protected stateOf(query: Form): CheckInState {
    const who = typeof query.who === 'string' ? query.who : undefined;
    return { done: doneOf(query.done, ['checked-in']), who, search: searchOf(query) };
  }

  protected async data(
    request: FastifyRequest,
    user: AuthUser,
    { id: eventId }: ConsoleEvent,
    state: CheckInState,
  ): Promise<CheckInPage> {
    const attendance = await this.checkIns.attendance(user, eventId);
    const search = searchOf(state.search ?? {});
    // The search runs once a name is given; what it refuses is shown beside its fields.
    const found =
      typeof search.name === 'string'
        ? await this.forms.submit(request, { dto: CheckInSearchDto, input: search }, (value) =>
            this.checkIns.search(user, eventId, value),
          )
        : undefined;
    return {
      attendance,
      who: state.who,
      search,
      searchFields: found?.refused?.fields,
      hits: found?.value,
      scripts: ['check-in'],
      sectors: SECTORS,
      timeZone: this.pages.context(request).timeZone,
      collapseMenu: true,
    };
  }
}

function searchOf(values: Form): Search {
  return { name: values.name, mobileLast4: values.mobileLast4 };
}

function stringsOf(values: Form): Record<string, string | undefined> {
  return Object.fromEntries(
    Object.entries(values).map(([k, v]) => [k, typeof v === 'string' ? v : undefined]),
  );
}

/** A code's QR as the registration's page draws it (smaller: a badge carries it). */
function qrSvgOf(code: string): Promise<string> {
  return QRCode.toString(code, { errorCorrectionLevel: 'M', margin: 1, width: 160, type: 'svg' });
}
