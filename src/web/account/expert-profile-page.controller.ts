import { Body, Controller, Get, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { FastifyReply, FastifyRequest } from 'fastify';
import { AVAILABILITIES } from 'src/catalog/catalog-kinds';
import { ExpertDto, UpsertExpertDto } from 'src/catalog/dto/expert.dto';
import { ExpertsService } from 'src/catalog/experts.service';
import { AuthUser } from 'src/common/auth/auth-user';
import { CurrentUser, Roles } from 'src/common/auth/decorators';
import { toDomainError } from 'src/common/errors/to-domain-error';
import { listOf } from 'src/web/form-values';
import { readForm, submitThenDone } from 'src/web/forms';
import { PageErrorFilter } from 'src/web/page-error.filter';
import { PageRenderer } from 'src/web/page-renderer';

type Form = Record<string, unknown>;

/** The profile as the form shows it: lists as one line. */
function formOf(profile: ExpertDto | undefined, user: AuthUser): Form {
  if (!profile) return { name: user.name, availability: 'available' };
  return { ...profile, fields: profile.fields.join('、'), keywords: profile.keywords.join('、') };
}

/** An expert's own profile (`PUT /api/experts/me`), which matching and the expert search read. */
@ApiExcludeController()
@UseFilters(PageErrorFilter)
@Roles('expert')
@Controller('account/expert-profile')
export class ExpertProfilePageController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly experts: ExpertsService,
  ) {}

  @Get()
  async profilePage(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @CurrentUser() user: AuthUser,
  ): Promise<void> {
    const profile = await this.experts.own(user).catch((error: unknown) => {
      if (toDomainError(error)?.code === 'EXPERT_NOT_FOUND') return undefined;
      throw error;
    });
    this.profileForm(reply, request, { form: formOf(profile, user), isNew: !profile });
  }

  @Post()
  async saveProfile(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @CurrentUser() user: AuthUser,
    @Body() body: Form,
  ): Promise<void> {
    const page = {
      path: '/account',
      done: 'expertProfile',
      refusedKey: 'account.expertProfile.refused',
    };
    const refused = await submitThenDone(this.pages, request, reply, page, async () => {
      const input = { ...body, fields: listOf(body?.fields), keywords: listOf(body?.keywords) };
      const form = await readForm(UpsertExpertDto, input);
      if (!form.value) return form.problems;
      await this.experts.upsertOwn(user, form.value);
      return [];
    });
    if (refused) this.profileForm(reply, request, { form: body ?? {}, ...refused }, refused.status);
  }

  private profileForm(
    reply: FastifyReply,
    request: FastifyRequest,
    data: Record<string, unknown>,
    status = 200,
  ): void {
    const title = this.pages.text(this.pages.context(request), 'account.expertProfile.title');
    this.pages.send(
      reply,
      request,
      'account/expert-profile',
      { title, availabilities: AVAILABILITIES, ...data },
      status,
    );
  }
}
