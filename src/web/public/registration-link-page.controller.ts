import { Controller, Get, Param, Post, Query, Req } from '@nestjs/common';
import { FastifyRequest } from 'fastify';
import { AuthUser } from 'src/common/auth/auth-user';
import { OptionalUser, Public } from 'src/common/auth/decorators';
import { IdParamDto } from 'src/common/dto';
import { EventsService } from 'src/events/events.service';
import { RegistrantsService } from 'src/registrations/registrants.service';
import { RegistrationsService } from 'src/registrations/registrations.service';
import { Forms, Refusal } from 'src/web/forms';
import { PageAnswer, formPage, seeOther } from 'src/web/page-answer';
import { PageController } from 'src/web/page-responder';
import { registrationPage } from 'src/web/public/registration.page';

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
    private readonly events: EventsService,
  ) {}

  @Get(':id')
  registration(
    @OptionalUser() user: AuthUser | undefined,
    @Param() params: IdParamDto,
    @Query('token') token: unknown,
    @Query('done') done: unknown,
  ): Promise<PageAnswer> {
    return this.page(user, params.id, tokenOf(token), done === 'cancelled');
  }

  @Post(':id/cancel')
  async cancel(
    @Req() request: FastifyRequest,
    @OptionalUser() user: AuthUser | undefined,
    @Param() params: IdParamDto,
    @Query('token') query: unknown,
  ): Promise<PageAnswer> {
    const token = tokenOf(query);
    const { refused } = await this.forms.attempt(request, () =>
      this.registrations.cancel(user, params.id, token),
    );
    if (!refused) return seeOther(`/registrations/${params.id}`, 'cancelled', { token });
    return this.page(user, params.id, token, false, refused);
  }

  private async page(
    user: AuthUser | undefined,
    id: string,
    token: string | undefined,
    cancelled: boolean,
    refused?: Refusal,
  ): Promise<PageAnswer> {
    const registration = await this.registrants.get(user, id, token);
    // A closed event stays hidden from a guest; the registration itself is theirs to see.
    const event = await this.events.get(user, registration.eventId).catch(() => undefined);
    const qrSvg = registration.checkInCode
      ? String(await this.registrants.checkInQr(user, id, token, 'svg'))
      : undefined;
    const page = { ...registrationPage(registration, event, qrSvg, token), cancelled };
    return formPage(
      'account/registration',
      { titleKey: 'account.registration.title' },
      page,
      refused,
    );
  }
}
