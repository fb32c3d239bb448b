import { Body, Controller, Get, Param, Post, Query, Req } from '@nestjs/common';
import { FastifyRequest } from 'fastify';
import { AuthUser } from 'src/common/auth/auth-user';
import { OptionalUser, Public } from 'src/common/auth/decorators';
import { IdParamDto } from 'src/common/dto';
import { EventDto } from 'src/events/dto/event.dto';
import { EventsService } from 'src/events/events.service';
import { SECTORS } from 'src/events/sectors';
import { AcceptInvitationDto } from 'src/invitations/dto/invitation.dto';
import { InvitationsService } from 'src/invitations/invitations.service';
import { NewRegistrationDto, RegisterDto } from 'src/registrations/dto/registration.dto';
import { RegistrationsService } from 'src/registrations/registrations.service';
import { Form, Forms, Refusal } from 'src/web/forms';
import { PageAnswer, formPage, view } from 'src/web/page-answer';
import { PageController } from 'src/web/page-responder';
import { answersOf, invitationPage } from 'src/web/public/registration.page';

/** The text above a refused registration (the register form's and the invitation's). */
const REFUSED = 'register.refused';

/** The page after registering (by the form or by accepting an invitation). */
function registered(eventTitle: string, registration: NewRegistrationDto): PageAnswer {
  return view('registered', { eventTitle, registration });
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
  ) {}

  @Get('activities/:id/register')
  async registerPage(
    @OptionalUser() user: AuthUser | undefined,
    @Param() params: IdParamDto,
  ): Promise<PageAnswer> {
    const event = await this.events.get(user, params.id);
    const form = { name: user?.name ?? '', email: user?.email ?? '', answers: {} };
    return this.registerForm(event, form);
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
    const form = { dto: RegisterDto, input: typed, refusedKey: REFUSED };
    const { value, refused } = await this.forms.submit(request, form, (registration) =>
      this.registrations.register(user, event.id, registration),
    );
    return refused ? this.registerForm(event, typed, refused) : registered(event.title, value);
  }

  @Get('invitations/:id')
  invitation(@Param() params: IdParamDto, @Query('token') token: string): Promise<PageAnswer> {
    return this.invitationPage(params.id, token, { form: { answers: {} } });
  }

  @Post('invitations/:id/accept')
  async accept(
    @Req() request: FastifyRequest,
    @Param() params: IdParamDto,
    @Query('token') token: string,
    @Body() body: Form,
    @OptionalUser() user: AuthUser | undefined,
  ): Promise<PageAnswer> {
    const invitation = await this.invitations.open(params.id, token);
    const event = await this.events.get(undefined, invitation.eventId).catch(() => undefined);
    const typed = {
      answers: answersOf(event?.questions ?? [], body ?? {}),
      acceptPrivacy: body?.acceptPrivacy,
    };
    const form = { dto: AcceptInvitationDto, input: typed, refusedKey: REFUSED };
    const { value, refused } = await this.forms.submit(request, form, (answers) =>
      this.invitations.accept(params.id, token, answers, user),
    );
    if (!refused) return registered(invitation.eventTitle, value);
    return this.invitationPage(params.id, token, { form: typed }, refused);
  }

  /**
   * Declining has no form to show again: a refused decline (an invitation already accepted or
   * expired, a wrong token) goes on to the error page with its coded message.
   */
  @Post('invitations/:id/decline')
  async decline(@Param() params: IdParamDto, @Query('token') token: string): Promise<PageAnswer> {
    await this.invitations.decline(params.id, token);
    return this.invitationPage(params.id, token, { declined: true });
  }

  private registerForm(event: EventDto, typed: Form, refused?: Refusal): PageAnswer {
    const title = { titleKey: 'register.title', titleValues: { event: event.title } };
    return formPage('register', title, { event, sectors: SECTORS, form: typed }, refused);
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
    const page = { ...invitationPage(invitation, event, token), ...data };
    return formPage('invitation', {}, page, refused);
  }
}
