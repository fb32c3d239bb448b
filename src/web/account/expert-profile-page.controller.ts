import { Body, Controller, Get, Post, Req } from '@nestjs/common';
import { FastifyRequest } from 'fastify';
import { AVAILABILITIES } from 'src/catalog/catalog-kinds';
import { UpsertExpertDto } from 'src/catalog/dto/expert.dto';
import { ExpertsService } from 'src/catalog/experts.service';
import { AuthUser } from 'src/common/auth/auth-user';
import { CurrentUser, Roles } from 'src/common/auth/decorators';
import { toDomainError } from 'src/common/errors/to-domain-error';
import { expertProfileForm, expertProfileInput } from 'src/web/account/account.page';
import { Form, Forms, Refusal } from 'src/web/forms';
import { PageAnswer, formPage, seeOther } from 'src/web/page-answer';
import { PageController } from 'src/web/page-responder';

/** The profile page, anew (`isNew`: no profile yet) or again with what was typed and the refusal. */
function profileForm(data: { form: Form; isNew?: boolean }, refused?: Refusal): PageAnswer {
  const page = { availabilities: AVAILABILITIES, ...data };
  return formPage(
    'account/expert-profile',
    { titleKey: 'account.expertProfile.title' },
    page,
    refused,
  );
}

/** An expert's own profile (`PUT /api/experts/me`), which matching and the expert search read. */
@PageController()
@Roles('expert')
@Controller('account/expert-profile')
export class ExpertProfilePageController {
  constructor(
    private readonly forms: Forms,
    private readonly experts: ExpertsService,
  ) {}

  @Get()
  async profilePage(@CurrentUser() user: AuthUser): Promise<PageAnswer> {
    const profile = await this.experts.own(user).catch((error: unknown) => {
      if (toDomainError(error)?.code === 'EXPERT_NOT_FOUND') return undefined;
      throw error;
    });
    return profileForm({ form: expertProfileForm(profile, user), isNew: !profile });
  }

  @Post()
  async saveProfile(
    @Req() request: FastifyRequest,
    @CurrentUser() user: AuthUser,
    @Body() body: Form,
  ): Promise<PageAnswer> {
    const form = {
      dto: UpsertExpertDto,
      input: expertProfileInput(body),
      refusedKey: 'account.expertProfile.refused',
    };
    const { refused } = await this.forms.submit(request, form, (profile) =>
      this.experts.upsertOwn(user, profile),
    );
    return refused
      ? profileForm({ form: body ?? {} }, refused)
      : seeOther('/account', 'expertProfile');
  }
}
