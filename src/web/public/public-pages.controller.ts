import {
  Body,
  Controller,
  Get,
  Inject,
  Param,
  Post,
  Query,
  Req,
  Res,
  UseFilters,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { FastifyReply, FastifyRequest } from 'fastify';
import { AgendaService } from 'src/agenda/agenda.service';
import { AuthUser } from 'src/common/auth/auth-user';
import { OptionalUser, Public } from 'src/common/auth/decorators';
import { IdParamDto } from 'src/common/dto';
import { toDomainError } from 'src/common/errors/to-domain-error';
import { AppConfig, LOCALES } from 'src/config/config';
import { APP_CONFIG } from 'src/config/config.module';
import { EventQueryDto } from 'src/events/dto/event.dto';
import { EVENT_KINDS } from 'src/events/event-kinds';
import { EventsService } from 'src/events/events.service';
import { AuthService } from 'src/identity/auth.service';
import { LoginDto } from 'src/identity/dto/auth.dto';
import { clearSessionCookie, clientOf, setSessionCookie } from 'src/identity/session-cookie';
import { problemLines, readForm, submitForm } from 'src/web/forms';
import { PageErrorFilter } from 'src/web/page-error.filter';
import { PageRenderer } from 'src/web/page-renderer';
import { LANGUAGE_COOKIE, safeNext } from 'src/web/web-request';
import { dayBounds, isDay } from 'src/common/time';

/** Public pages and signing in: thin handlers over the services the API uses. */
@ApiExcludeController()
@Public()
@UseFilters(PageErrorFilter)
@Controller()
export class PublicPagesController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly events: EventsService,
    private readonly agenda: AgendaService,
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  async home(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const upcoming = await this.events.list(request.user, {
      from: new Date(),
      limit: 6,
      offset: 0,
    });
    this.pages.send(reply, request, 'home', { events: upcoming.items });
  }

  @Get('activities')
  async activities(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query() query: Record<string, string>,
  ): Promise<void> {
    const context = this.pages.context(request);
    // Days picked in the form are the reader's days, from the first one's start to the last one's end.
    const zone = context.timeZone;
    const filters = Object.fromEntries(
      Object.entries({
        ...query,
        from: isDay(query.from) ? dayBounds(query.from, zone).start.toISOString() : query.from,
        to: isDay(query.to) ? dayBounds(query.to, zone).end.toISOString() : query.to,
      }).filter(([, value]) => value !== undefined && value !== ''),
    );
    const form = await readForm(EventQueryDto, { limit: 100, ...filters });
    const page = form.value
      ? await this.events.list(request.user, form.value)
      : { items: [], total: 0 };
    this.pages.send(reply, request, 'activities', {
      title: this.pages.text(context, 'activities.title'),
      kinds: EVENT_KINDS,
      series: await this.events.listSeries({ limit: 100, offset: 0 }),
      query,
      problems: problemLines(form.problems, context.locale),
      events: page.items,
      total: page.total,
    });
  }

  @Get('activities/:id')
  async activity(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param() params: IdParamDto,
    @OptionalUser() user: AuthUser | undefined,
  ): Promise<void> {
    const event = await this.events.get(user, params.id);
    const agenda = await this.agenda.agenda(user, params.id).catch((error: unknown) => {
      if (toDomainError(error)?.code === 'AGENDA_NOT_PUBLISHED') return { items: [] };
      throw error;
    });
    this.pages.send(reply, request, 'activity', {
      title: event.title,
      event,
      agenda: agenda.items,
    });
  }

  @Get('sign-in')
  signInPage(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query('next') next: unknown,
  ): void {
    this.signInForm(reply, request, { next: safeNext(next) });
  }

  @Post('sign-in')
  async signIn(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    const context = this.pages.context(request);
    const next = safeNext(body?.next);
    const typed = { email: typeof body?.email === 'string' ? body.email : '' };
    const refusedText = this.pages.text(context, 'signIn.refused');
    const refused = await submitForm(context.locale, refusedText, async () => {
      const form = await readForm(LoginDto, body);
      if (!form.value) return form.problems;
      setSessionCookie(reply, await this.auth.login(form.value, clientOf(request)), this.config);
      return [];
    });
    if (refused)
      return this.signInForm(reply, request, { next, form: typed, ...refused }, refused.status);
    void reply.redirect(next, 303);
  }

  @Post('sign-out')
  async signOut(
    @Res() reply: FastifyReply,
    @OptionalUser() user: AuthUser | undefined,
  ): Promise<void> {
    if (user) await this.auth.logout(user);
    clearSessionCookie(reply);
    void reply.redirect('/', 303);
  }

  /** The language switch: remembered in a cookie for a year, then back to the page. */
  @Get('lang/:locale')
  language(
    @Res() reply: FastifyReply,
    @Param('locale') locale: string,
    @Query('next') next: unknown,
  ): void {
    if ((LOCALES as readonly string[]).includes(locale)) {
      void reply.setCookie(LANGUAGE_COOKIE, locale, {
        path: '/',
        sameSite: 'lax',
        maxAge: 365 * 24 * 3600,
      });
    }
    void reply.redirect(safeNext(next), 303);
  }

  private signInForm(
    reply: FastifyReply,
    request: FastifyRequest,
    data: Record<string, unknown>,
    status = 200,
  ): void {
    const context = this.pages.context(request);
    const title = this.pages.text(context, 'signIn.title');
    this.pages.send(reply, request, 'sign-in', { title, ...data }, status);
  }
}
