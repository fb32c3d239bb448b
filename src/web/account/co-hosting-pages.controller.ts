import { Controller, Get, Param, Query } from '@nestjs/common';
import { AuthUser } from 'src/common/auth/auth-user';
import { CurrentUser } from 'src/common/auth/decorators';
import { CoHostSharing } from 'src/personal-data/co-host-sharing';
import { CoHostRegistrantsParamsDto } from 'src/personal-data/dto/sharing.dto';
import { PageAnswer, view } from 'src/web/page-answer';
import { PageController } from 'src/web/page-responder';

/** Registrants shown on one page of the co-host's list. */
const PAGE = 100;

/**
 * "Co-hosted events" for the team of a co-host (协办单位) — a bank, a park or a university, which
 * may have no console: its events, and each one's registrants as the co-host may see them (names
 * and organizations; contacts of those who consented for it). Each list read is audited.
 */
@PageController()
@Controller('account/co-hosting')
export class CoHostingPagesController {
  constructor(private readonly sharing: CoHostSharing) {}

  @Get()
  async events(@CurrentUser() user: AuthUser): Promise<PageAnswer> {
    const events = await this.sharing.coHosting(user);
    return view('account/co-hosting', { events }, { titleKey: 'account.coHosting.title' });
  }

  @Get(':id/:organizationId')
  async registrants(
    @CurrentUser() user: AuthUser,
    @Param() params: CoHostRegistrantsParamsDto,
    @Query('offset') offset: unknown,
  ): Promise<PageAnswer> {
    const from = Math.max(0, Math.min(1_000_000, Number(offset) || 0));
    const page = { limit: PAGE, offset: Math.floor(from) };
    const list = await this.sharing.registrants(user, params.id, params.organizationId, page);
    const event = (await this.sharing.coHosting(user)).find(
      (e) => e.eventId === params.id && e.organizationId === params.organizationId,
    );
    const next = page.offset + PAGE < list.total ? page.offset + PAGE : undefined;
    return view(
      'account/co-hosting-registrants',
      { event, list, next, shared: list.items.filter((r) => r.contactsShared).length },
      { titleKey: 'account.coHosting.registrants', titleValues: { event: event?.title ?? '' } },
    );
  }
}
