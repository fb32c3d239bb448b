import { Controller, Get, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from 'src/common/auth/decorators';
import { IdParamDto } from 'src/common/dto';
import { EventsService } from 'src/events/events.service';
import { REGISTRATION_LIFECYCLE } from 'src/registrations/registration-status';
import { RegistrantsService } from 'src/registrations/registrants.service';
import { RegistrationsService } from 'src/registrations/registrations.service';
import { redirectDone, submitForm } from 'src/web/forms';
import { PageErrorFilter } from 'src/web/page-error.filter';
import { PageRenderer } from 'src/web/page-renderer';

/** The token of a link, if the query holds one. */
function tokenOf(token: unknown): string | undefined {
  return typeof token === 'string' && token !== '' ? token : undefined;
}

/**
 * A registration's own page, the `manageUrl` of the registrant's messages: its status, place on the
 * waiting list, check-in code with its QR code, and cancelling. The link's token (or the
 * registrant's account) opens it, as the API's `GET /api/registrations/:id` allows.
 */
@ApiExcludeController()
@Public()
@UseFilters(PageErrorFilter)
@Controller('registrations')
export class RegistrationLinkPageController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly registrations: RegistrationsService,
    private readonly registrants: RegistrantsService,
    private readonly events: EventsService,
  ) {}

  @Get(':id')
  async registration(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param() params: IdParamDto,
    @Query('token') token: unknown,
    @Query('done') done: unknown,
  ): Promise<void> {
    await this.page(reply, request, params.id, tokenOf(token), {
      cancelled: done === 'cancelled',
    });
  }

  @Post(':id/cancel')
  async cancel(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param() params: IdParamDto,
    @Query('token') token: unknown,
  ): Promise<void> {
    const context = this.pages.context(request);
    const refusedText = this.pages.text(context, 'account.registration.cancelRefused');
    const refused = await submitForm(context.locale, refusedText, async () => {
      await this.registrations.cancel(request.user, params.id, tokenOf(token));
      return [];
    });
    if (refused)
      return this.page(reply, request, params.id, tokenOf(token), { ...refused }, refused.status);
    redirectDone(reply, `/registrations/${params.id}`, 'cancelled', { token: tokenOf(token) });
  }

  private async page(
    reply: FastifyReply,
    request: FastifyRequest,
    id: string,
    token: string | undefined,
    data: Record<string, unknown>,
    status = 200,
  ): Promise<void> {
    const registration = await this.registrants.get(request.user, id, token);
    // A closed event stays hidden from a guest; the registration itself is theirs to see.
    const event = await this.events.get(request.user, registration.eventId).catch(() => undefined);
    const qrSvg = registration.checkInCode
      ? await this.registrants.checkInQr(request.user, id, token, 'svg')
      : undefined;
    const title = this.pages.text(this.pages.context(request), 'account.registration.title');
    this.pages.send(
      reply,
      request,
      'account/registration',
      {
        title,
        registration,
        event,
        qrSvg,
        cancelAction: `/registrations/${id}/cancel${token ? `?token=${encodeURIComponent(token)}` : ''}`,
        cancellable: REGISTRATION_LIFECYCLE.can(registration.status, 'cancelled'),
        ...data,
      },
      status,
    );
  }
}
