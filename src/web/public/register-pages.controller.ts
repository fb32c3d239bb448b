import { Body, Controller, Get, Param, Post, Query, Req } from '@nestjs/common';
import { FastifyRequest } from 'fastify';
import { AuthUser } from 'src/common/auth/auth-user';
import { OptionalUser, Public } from 'src/common/auth/decorators';
import { IdParamDto } from 'src/common/dto';
import { CoHosts } from 'src/events/co-hosts';
import { EventDto } from 'src/events/dto/event.dto';
import { EventsService } from 'src/events/events.service';
import { SECTORS } from 'src/events/sectors';
import { AcceptInvitationDto } from 'src/invitations/dto/invitation.dto';
import { InvitationsService } from 'src/invitations/invitations.service';
import { NewRegistrationDto, RegisterDto } from 'src/registrations/dto/registration.dto';
import { guestDetailProblems } from 'src/registrations/registration-rules';
import { RegistrationsService } from 'src/registrations/registrations.service';
import { doneOf, Form, Forms, Refusal } from 'src/web/forms';
import { PageAnswer, formPage, seeOther } from 'src/web/page-answer';
import { PageController } from 'src/web/page-responder';
import { answersOf, invitationPage } from 'src/web/public/registration.page';

/** The text above a refused registration (the register form's and the invitation's). */
const REFUSED = 'register.refused';

/**
 * After registering (by the form or by accepting an invitation): Post/Redirect/Get to the
 * registration's own page, the ticket (its QR code, time, place, calendar and cancelling), opened
 * by its link's token as the messages' link opens it.
 */
function registered(registration: NewRegistrationDto): PageAnswer {
  const token = registration.manageToken;
  return seeOther(`/registrations/${registration.id}`, 'registered', { token });
}

/** Registering for an event and answering an invitation, by the links people are sent. */
@PageController()
@Public()
@Controller()
export class RegisterPagesController {
  constructor(
    private readonly forms: Forms,
    private readonly events: EventsService,
    private readonly registrations: RegistrationsService,
    private readonly invitations: InvitationsService,
    private readonly coHosts: CoHosts,
  ) {}

  @Get('activities/:id/register')
  async registerPage(
    @OptionalUser() user: AuthUser | undefined,
    @Param() params: IdParamDto,
  ): Promise<PageAnswer> {
    const event = await this.events.get(user, params.id);
    const form = { name: user?.name ?? '', email: user?.email ?? '', answers: {} };
    return this.registerForm(user, event, form);
  }

  @Post('activities/:id/register')
  async register(
    @Req() request: FastifyRequest,
    @OptionalUser() user: AuthUser | undefined,
    @Param() params: IdParamDto,
    @Body() body: Form,
  ): Promise<PageAnswer> {
    const event = await this.events.get(user, params.id);
    const typed = { ...body, answers: answersOf(event.questions, body ?? {}) };
    const also = user ? [] : guestDetailProblems(body ?? {});
    const form = { dto: RegisterDto, input: typed, refusedKey: REFUSED, also };
    const { value, refused } = await this.forms.submit(request, form, (registration) =>
      this.registrations.register(user, event.id, registration, request.ip),
    );
    return refused ? this.registerForm(user, event, typed, refused) : registered(value);
  }

  /** The invitation by its link; `?done=declined` after declining (Post/Redirect/Get). */
  @Get('invitations/:id')
  invitation(
    @Param() params: IdParamDto,
    @Query('token') token: unknown,
    @Query('done') done: unknown,
  ): Promise<PageAnswer> {
    const declined = doneOf(done, ['declined']) !== undefined;
    return this.invitationPage(params.id, linkToken(token), { form: { answers: {} }, declined });
  }

  @Post('invitations/:id/accept')
  async accept(
    @Req() request: FastifyRequest,
    @Param() params: IdParamDto,
    @Query('token') query: unknown,
    @Body() body: Form,
    @OptionalUser() user: AuthUser | undefined,
  ): Promise<PageAnswer> {
    const token = linkToken(query);
    const invitation = await this.invitations.open(params.id, token);
    const event = await this.events.get(undefined, invitation.eventId).catch(() => undefined);
    const typed = {
      answers: answersOf(event?.questions ?? [], body ?? {}),
      acceptPrivacy: body?.acceptPrivacy,
      shareContactsWith: body?.shareContactsWith,
    };
    const form = { dto: AcceptInvitationDto, input: typed, refusedKey: REFUSED };
    const { value, refused } = await this.forms.submit(request, form, (answers) =>
      this.invitations.accept(params.id, token, answers, user),
    );
    if (!refused) return registered(value);
    return this.invitationPage(params.id, token, { form: typed }, refused);
  }

  /**
   * Declining has no form to show again: a refused decline (an invitation already accepted or
   * expired, a wrong token) goes on to the error page with its coded message. Done, back to the
   * invitation's page (Post/Redirect/Get: a refresh does not post again).
   */
  @Post('invitations/:id/decline')
  async decline(@Param() params: IdParamDto, @Query('token') query: unknown): Promise<PageAnswer> {
    const token = linkToken(query);
    await this.invitations.decline(params.id, token);
    return seeOther(`/invitations/${params.id}`, 'declined', { token });
  }

  /** The form, with one separate consent per co-host of the event (none ticked unless chosen). */
  private async registerForm(
    user: AuthUser | undefined,
    event: EventDto,
    typed: Form,
    refused?: Refusal,
  ): Promise<PageAnswer> {
    const title = { titleKey: 'register.title', titleValues: { event: event.title } };
    const coHosts = await this.coHosts.list(user, event.id);
    const page = { event, sectors: SECTORS, form: typed, coHosts };
    return formPage('register', title, page, refused);
  }

  private async invitationPage(
    id: string,
    token: string,
    data: { form?: Form; declined?: boolean },
    refused?: Refusal,
  ): Promise<PageAnswer> {
    const invitation = await this.invitations.open(id, token);
    // A closed event stays hidden from a guest; its questions then are none.
    const event = await this.events.get(undefined, invitation.eventId).catch(() => undefined);
    // The invitation's link shows its event's co-hosts, each with its own consent to ask.
    const coHosts = await this.coHosts.of(invitation.eventId);
    const page = { ...invitationPage(invitation, event, token), coHosts, ...data };
    return formPage('invitation', {}, page, refused);
  }
}

/** The link's token as given; none (or a repeated one) is a token that opens nothing: 404. */
function linkToken(token: unknown): string {
  return typeof token === 'string' ? token : '';
}
