import { Body, Get, Param, Post, Query, Req } from '@nestjs/common';
import { FastifyRequest } from 'fastify';
import { AuthUser } from 'src/common/auth/auth-user';
import { CurrentUser } from 'src/common/auth/decorators';
import { IdParamDto } from 'src/common/dto';
import {
  MembershipRequestParamsDto,
  RejectMembershipDto,
  RequestMembershipDto,
} from 'src/identity/dto/membership-request.dto';
import { MembershipRequestsService } from 'src/identity/membership-requests.service';
import { Form, Forms, Refusal } from 'src/web/forms';
import { PageAnswer } from 'src/web/page-answer';
import { membershipsPage } from 'src/web/portals/memberships.page';
import { changed, doneKey, Portal, portalPage } from 'src/web/portals/portal-page';

/** Institutions and enterprises found by name at once. */
const FOUND = 20;

/**
 * One's organizations in a portal (`/<portal>/organizations`), the same in both: where one stands
 * (member, pending, rejected), asking to join an institution or enterprise found by name, and for
 * its managers the requests waiting for them, approved or rejected here. They are here rather than
 * on the console's team page because an institution's or enterprise's managers are its experts
 * and enterprise users, who work in these portals and have no console.
 */
export abstract class MembershipPages {
  protected abstract readonly portal: Portal;
  protected abstract readonly forms: Forms;
  protected abstract readonly requests: MembershipRequestsService;

  private get path(): string {
    return `/${this.portal}/organizations`;
  }

  @Get()
  page(
    @CurrentUser() user: AuthUser,
    @Query('q') q: unknown,
    @Query('done') done: unknown,
  ): Promise<PageAnswer> {
    return this.show(user, typeof q === 'string' ? q.trim().slice(0, 100) : '', doneKey(done));
  }

  @Post(':id/request')
  async request(
    @Req() request: FastifyRequest,
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
    @Body() body: Form,
  ): Promise<PageAnswer> {
    const form = { dto: RequestMembershipDto, input: body };
    const { refused } = await this.forms.submit(request, form, (value) =>
      this.requests.request(user, params.id, value),
    );
    if (!refused) return changed(this.path, 'requested');
    return this.show(user, typeof body?.q === 'string' ? body.q : '', undefined, refused);
  }

  @Post(':id/requests/:requestId/approve')
  async approve(
    @Req() request: FastifyRequest,
    @CurrentUser() user: AuthUser,
    @Param() params: MembershipRequestParamsDto,
  ): Promise<PageAnswer> {
    const { refused } = await this.forms.attempt(request, () =>
      this.requests.approve(user, params.id, params.requestId),
    );
    if (!refused) return changed(this.path, 'approved');
    return this.show(user, '', undefined, refused);
  }

  @Post(':id/requests/:requestId/reject')
  async reject(
    @Req() request: FastifyRequest,
    @CurrentUser() user: AuthUser,
    @Param() params: MembershipRequestParamsDto,
    @Body() body: Form,
  ): Promise<PageAnswer> {
    const form = { dto: RejectMembershipDto, input: body };
    const { refused } = await this.forms.submit(request, form, (value) =>
      this.requests.reject(user, params.id, params.requestId, value),
    );
    if (!refused) return changed(this.path, 'rejected');
    return this.show(user, '', undefined, refused);
  }

  private async show(user: AuthUser, q: string, done?: string, refused?: Refusal) {
    const [mine, waiting, found] = await Promise.all([
      this.requests.mine(user),
      this.requests.pendingManaged(user),
      q ? this.requests.joinable({ q, limit: FOUND, offset: 0 }) : undefined,
    ]);
    const page = { ...membershipsPage(mine, waiting, q, found), portal: this.portal, done };
    return portalPage(this.portal, 'organizations', 'organizations', page, refused);
  }
}
