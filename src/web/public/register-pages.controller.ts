import { Body, Controller, Get, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { FastifyReply, FastifyRequest } from 'fastify';
import { IdParamDto } from 'src/common/dto';
import { EventDto, QuestionDto } from 'src/events/dto/event.dto';
import { EventsService } from 'src/events/events.service';
import { SECTORS } from 'src/events/sectors';
import { AcceptInvitationDto } from 'src/invitations/dto/invitation.dto';
import { InvitationsService } from 'src/invitations/invitations.service';
import { RegisterDto } from 'src/registrations/dto/registration.dto';
import { Answers } from 'src/registrations/registration-rules';
import { RegistrationsService } from 'src/registrations/registrations.service';
import { Public } from 'src/common/auth/decorators';
import { readForm, submitForm } from 'src/web/forms';
import { PageErrorFilter } from 'src/web/page-error.filter';
import { PageRenderer } from 'src/web/page-renderer';

type Form = Record<string, unknown>;

/** The answers to an event's questions, from form fields named `q.<question id>`. */
function answersOf(questions: readonly QuestionDto[], body: Form): Answers {
  const answers: Answers = {};
  for (const q of questions) {
    const given = body[`q.${q.id}`];
    const values = (Array.isArray(given) ? given : [given]).filter(
      (v): v is string => typeof v === 'string' && v.trim() !== '',
    );
    if (values.length === 0) continue;
    answers[q.id] = q.kind === 'multiple_choice' ? values : values[0];
  }
  return answers;
}

/** Invitations with no answer yet (or declined, which may still be changed) can be answered. */
const ANSWERED = ['accepted', 'revoked', 'expired'];

/** Registering for an event and answering an invitation, by the links people are sent. */
@ApiExcludeController()
@Public()
@UseFilters(PageErrorFilter)
@Controller()
export class RegisterPagesController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly events: EventsService,
    private readonly registrations: RegistrationsService,
    private readonly invitations: InvitationsService,
  ) {}

  @Get('activities/:id/register')
  async registerPage(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param() params: IdParamDto,
  ): Promise<void> {
    const event = await this.events.get(request.user, params.id);
    const form = { name: request.user?.name ?? '', email: request.user?.email ?? '', answers: {} };
    this.registerForm(reply, request, event, { form });
  }

  @Post('activities/:id/register')
  async register(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param() params: IdParamDto,
    @Body() body: Form,
  ): Promise<void> {
    const event = await this.events.get(request.user, params.id);
    const typed = { ...body, answers: answersOf(event.questions, body ?? {}) };
    const context = this.pages.context(request);
    const refusedText = this.pages.text(context, 'register.refused');
    const refused = await submitForm(context.locale, refusedText, async () => {
      const form = await readForm(RegisterDto, typed);
      if (!form.value) return form.problems;
      const registration = await this.registrations.register(request.user, event.id, form.value);
      this.pages.send(reply, request, 'registered', { eventTitle: event.title, registration });
      return [];
    });
    if (refused)
      this.registerForm(reply, request, event, { form: typed, ...refused }, refused.status);
  }

  @Get('invitations/:id')
  async invitation(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param() params: IdParamDto,
    @Query('token') token: string,
  ): Promise<void> {
    await this.invitationPage(reply, request, params.id, token, { form: { answers: {} } });
  }

  @Post('invitations/:id/accept')
  async accept(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param() params: IdParamDto,
    @Query('token') token: string,
    @Body() body: Form,
  ): Promise<void> {
    const invitation = await this.invitations.open(params.id, token);
    const event = await this.events.get(undefined, invitation.eventId).catch(() => undefined);
    const typed = { answers: answersOf(event?.questions ?? [], body ?? {}) };
    const context = this.pages.context(request);
    const refusedText = this.pages.text(context, 'register.refused');
    const refused = await submitForm(context.locale, refusedText, async () => {
      const form = await readForm(AcceptInvitationDto, typed);
      if (!form.value) return form.problems;
      const registration = await this.invitations.accept(params.id, token, form.value);
      this.pages.send(reply, request, 'registered', {
        eventTitle: invitation.eventTitle,
        registration,
      });
      return [];
    });
    if (refused)
      await this.invitationPage(
        reply,
        request,
        params.id,
        token,
        { form: typed, ...refused },
        refused.status,
      );
  }

  @Post('invitations/:id/decline')
  async decline(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param() params: IdParamDto,
    @Query('token') token: string,
  ): Promise<void> {
    await this.invitations.decline(params.id, token);
    await this.invitationPage(reply, request, params.id, token, { declined: true });
  }

  private registerForm(
    reply: FastifyReply,
    request: FastifyRequest,
    event: EventDto,
    data: Record<string, unknown>,
    status = 200,
  ): void {
    const title = this.pages.text(this.pages.context(request), 'register.title', {
      event: event.title,
    });
    this.pages.send(
      reply,
      request,
      'register',
      { title, event, sectors: SECTORS, ...data },
      status,
    );
  }

  private async invitationPage(
    reply: FastifyReply,
    request: FastifyRequest,
    id: string,
    token: string,
    data: Record<string, unknown>,
    status = 200,
  ): Promise<void> {
    const invitation = await this.invitations.open(id, token);
    const event = await this.events.get(undefined, invitation.eventId).catch(() => undefined);
    this.pages.send(
      reply,
      request,
      'invitation',
      {
        title: invitation.eventTitle,
        invitation,
        token,
        questions: event?.questions ?? [],
        answerable: !ANSWERED.includes(invitation.status),
        ...data,
      },
      status,
    );
  }
}
