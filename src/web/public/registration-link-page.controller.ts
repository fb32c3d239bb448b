import { Body, Controller, Get, Param, Post, Query, Req } from '@nestjs/common';
import { FastifyRequest } from 'fastify';
import { AuthUser } from 'src/common/auth/auth-user';
import { OptionalUser, Public } from 'src/common/auth/decorators';
import { IdParamDto } from 'src/common/dto';
import { CoHostSharing } from 'src/personal-data/co-host-sharing';
import { ShareWithCoHostDto } from 'src/personal-data/dto/sharing.dto';
import { RegistrantsService } from 'src/registrations/registrants.service';
import { RegistrationHolds } from 'src/registrations/registration-holds';
import { RegistrationsService } from 'src/registrations/registrations.service';
import { Form, Forms, Refusal } from 'src/web/forms';
import { PageAnswer, formPage, seeOther, view } from 'src/web/page-answer';
import { PageController } from 'src/web/page-responder';
import { noticeOf, RegistrationNotice, registrationPage } from 'src/web/public/registration.page';

/** The token of a link, if the query holds one. */
function tokenOf(token: unknown): string | undefined {
  return typeof token === 'string' && token !== '' ? token : undefined;
}

/**
 * A registration's own page, the `manageUrl` of the registrant's messages: its status, place on the
 * waiting list, check-in code with its QR code, and cancelling. The link's token (or the
 * registrant's account) opens it, as the API's `GET /api/registrations/:id` allows.
 */
@PageController()
@Public()
@Controller('registrations')
export class RegistrationLinkPageController {
  constructor(
    private readonly forms: Forms,
    private readonly registrations: RegistrationsService,
    private readonly registrants: RegistrantsService,
    private readonly holds: RegistrationHolds,
    private readonly sharing: CoHostSharing,
  ) {}

  @Get(':id')
  registration(
    @OptionalUser() user: AuthUser | undefined,
    @Param() params: IdParamDto,
    @Query('token') token: unknown,
    @Query('done') done: unknown,
  ): Promise<PageAnswer> {
    return this.page(user, params.id, tokenOf(token), noticeOf(done));
  }

  /** Cancelling asks first: this page names the event and posts the cancelling. */
  @Get(':id/cancel')
  async askToCancel(
    @OptionalUser() user: AuthUser | undefined,
    @Param() params: IdParamDto,
    @Query('token') query: unknown,
  ): Promise<PageAnswer> {
    const token = tokenOf(query);
    const registration = await this.registrants.get(user, params.id, token);
    const event = await this.registrants.eventOf(user, params.id, token);
    const page = registrationPage(registration, event, undefined, token);
    if (!page.cancellable) return seeOther(page.selfUrl.split('?')[0], undefined, { token });
    return view('account/registration-cancel', page, {
      titleKey: 'account.registration.cancelTitle',
    });
  }

  @Post(':id/cancel')
  cancel(
    @Req() request: FastifyRequest,
    @OptionalUser() user: AuthUser | undefined,
    @Param() params: IdParamDto,
    @Query('token') query: unknown,
  ): Promise<PageAnswer> {
    return this.act(request, user, params.id, tokenOf(query), 'cancelled', (token) =>
      this.registrations.cancel(user, params.id, token),
    );
  }

  @Post(':id/confirm')
  confirm(
    @Req() request: FastifyRequest,
    @OptionalUser() user: AuthUser | undefined,
    @Param() params: IdParamDto,
    @Query('token') query: unknown,
  ): Promise<PageAnswer> {
    return this.act(request, user, params.id, tokenOf(query), 'confirmed', (token) =>
      this.holds.confirm(user, params.id, token),
    );
  }

  /** The registrant gives or withdraws their consent to show one co-host their contacts. */
  @Post(':id/co-host-sharing')
  async share(
    @Req() request: FastifyRequest,
    @OptionalUser() user: AuthUser | undefined,
    @Param() params: IdParamDto,
    @Query('token') query: unknown,
    @Body() body: Form,
  ): Promise<PageAnswer> {
    const token = tokenOf(query);
    const form = { dto: ShareWithCoHostDto, input: body ?? {}, refusedKey: 'register.refused' };
    const { refused } = await this.forms.submit(request, form, (choice) =>
      this.sharing.choose(user, params.id, token, choice.organizationId, choice.shared),
    );
    if (!refused) return seeOther(`/registrations/${params.id}`, 'sharing', { token });
    return this.page(user, params.id, token, undefined, refused);
  }

  /** What the registrant does on the page: done, back to it with the notice; refused, the page with why. */
  private async act(
    request: FastifyRequest,
    user: AuthUser | undefined,
    id: string,
    token: string | undefined,
    done: 'cancelled' | 'confirmed',
    action: (token: string | undefined) => Promise<unknown>,
  ): Promise<PageAnswer> {
    const { refused } = await this.forms.attempt(request, () => action(token));
    if (!refused) return seeOther(`/registrations/${id}`, done, { token });
    return this.page(user, id, token, undefined, refused);
  }

  private async page(
    user: AuthUser | undefined,
    id: string,
    token: string | undefined,
    notice: RegistrationNotice | undefined,
    refused?: Refusal,
  ): Promise<PageAnswer> {
    const registration = await this.registrants.get(user, id, token);
    // The registration shows its event's time and place, even a closed door's, to its registrant.
    const event = await this.registrants.eventOf(user, id, token);
    const qrSvg = registration.checkInCode
      ? String(await this.registrants.checkInQr(user, id, token, 'svg'))
      : undefined;
    const coHosts = await this.sharing.choicesIfRegistrant(user, id, token);
    const page = registrationPage(registration, event, qrSvg, token, notice, coHosts);
    return formPage(
      'account/registration',
      { titleKey: 'account.registration.title' },
      page,
      refused,
    );
  }
}
