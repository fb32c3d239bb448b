import { Body, Get, Param, Post, Query, Req } from '@nestjs/common';
import { FastifyRequest } from 'fastify';
import { AuthUser } from 'src/common/auth/auth-user';
import { CurrentUser } from 'src/common/auth/decorators';
import { IdParamDto } from 'src/common/dto';
import { ShareContactsDto } from 'src/personal-data/dto/personal-data.dto';
import { IntentSharing } from 'src/personal-data/intent-sharing';
import { Form, Forms, Refusal } from 'src/web/forms';
import { PageAnswer } from 'src/web/page-answer';
import { intentRows } from 'src/web/portals/intents.page';
import { changed, doneKey, Portal, portalPage } from 'src/web/portals/portal-page';

/**
 * One's intents in a portal (`/<portal>/intents`), the same in both: those an investor or
 * enterprise expressed and those an expert received on their results, each with the other person
 * as one may see them (contacts only with their consent) and one's own consent, given or withdrawn
 * here — where the message about a new intent sends the expert.
 */
export abstract class IntentPages {
  protected abstract readonly portal: Portal;
  protected abstract readonly forms: Forms;
  protected abstract readonly sharing: IntentSharing;

  @Get()
  page(@CurrentUser() user: AuthUser, @Query('done') done: unknown): Promise<PageAnswer> {
    return this.show(user, doneKey(done));
  }

  @Post(':id/share')
  async share(
    @Req() request: FastifyRequest,
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
    @Body() body: Form,
  ): Promise<PageAnswer> {
    const form = { dto: ShareContactsDto, input: { shared: body?.shared === 'true' } };
    const { refused, value } = await this.forms.submit(request, form, async (choice) => {
      await this.sharing.share(user, params.id, choice.shared);
      return choice.shared;
    });
    if (!refused) return changed(`/${this.portal}/intents`, value ? 'shared' : 'unshared');
    return this.show(user, undefined, refused);
  }

  private async show(user: AuthUser, done?: string, refused?: Refusal): Promise<PageAnswer> {
    const intents = intentRows(await this.sharing.mine(user), this.portal);
    return portalPage(this.portal, 'intents', 'intents', { intents, done }, refused);
  }
}
