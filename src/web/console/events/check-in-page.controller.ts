import { Body, Controller, Get, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { FastifyReply, FastifyRequest } from 'fastify';
import { Roles } from 'src/common/auth/decorators';
import { IdParamDto } from 'src/common/dto';
import { EventAccess } from 'src/events/event-access';
import { CheckInService } from 'src/registrations/check-in.service';
import { CheckInDto, CheckInSearchDto } from 'src/registrations/dto/registration.dto';
import { doneOf, readForm } from 'src/web/forms';
import { PageErrorFilter } from 'src/web/page-error.filter';
import { PageRenderer } from 'src/web/page-renderer';
import {
  consoleEventOf,
  Form,
  refusalOf,
  submitProgramForm,
} from 'src/web/console/events/program-page';

/** The door, on a phone: typed code, name and phone search, camera scan (check-in.ts), the count. */
@ApiExcludeController()
@Roles('organizer')
@UseFilters(PageErrorFilter)
@Controller('console/events/:id/check-in')
export class CheckInPageController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly access: EventAccess,
    private readonly checkIns: CheckInService,
  ) {}

  @Get()
  async page(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param() params: IdParamDto,
    @Query() query: Form,
  ): Promise<void> {
    await this.show(
      reply,
      request,
      params.id,
      {
        done: doneOf(query.done, ['checked-in']),
        who: typeof query.who === 'string' ? query.who : undefined,
      },
      query,
    );
  }

  /** A typed code, or the button beside a search hit (which brings the search along to go back to). */
  @Post()
  async checkIn(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param() params: IdParamDto,
    @Body() body: Form,
  ): Promise<void> {
    const typed = { code: body?.code, registrationId: body?.registrationId };
    const search = { name: body?.name, mobileLast4: body?.mobileLast4 };
    const formName = typed.registrationId ? 'hit' : 'code';
    const path = `/console/events/${params.id}/check-in`;
    const refused = await submitProgramForm(this.pages, request, reply, path, async () => {
      const form = await readForm(CheckInDto, typed);
      if (!form.value) return form.problems;
      const registration = await this.checkIns.checkIn(request.user!, params.id, form.value);
      const query = { who: registration.name, ...(formName === 'hit' ? stringsOf(search) : {}) };
      return { done: 'checked-in', query };
    });
    if (refused)
      await this.show(
        reply,
        request,
        params.id,
        refusalOf(formName, typed, refused),
        formName === 'hit' ? search : {},
        refused.status,
      );
  }

  private async show(
    reply: FastifyReply,
    request: FastifyRequest,
    eventId: string,
    data: Form,
    searchQuery: Form,
    status = 200,
  ): Promise<void> {
    const user = request.user!;
    const consoleEvent = await consoleEventOf(this.access, user, eventId);
    const attendance = await this.checkIns.attendance(user, eventId);
    const search = { name: searchQuery.name, mobileLast4: searchQuery.mobileLast4 };
    let hits;
    let searchFields: Record<string, string> | undefined;
    if (typeof search.name === 'string') {
      const form = await readForm(CheckInSearchDto, search);
      if (form.value) hits = await this.checkIns.search(user, eventId, form.value);
      else {
        const { locale } = this.pages.context(request);
        searchFields = Object.fromEntries(form.problems.map((p) => [p.field, p.message[locale]]));
      }
    }
    const title = this.pages.text(this.pages.context(request), 'program.checkIn.title');
    this.pages.send(
      reply,
      request,
      'program/check-in',
      {
        title,
        consoleEvent,
        attendance,
        search,
        searchFields,
        hits,
        scripts: ['check-in'],
        ...data,
      },
      status,
    );
  }
}

function stringsOf(values: Form): Record<string, string | undefined> {
  return Object.fromEntries(
    Object.entries(values).map(([k, v]) => [k, typeof v === 'string' ? v : undefined]),
  );
}
