import { Body, Controller, Get, Inject, Param, Post, Query, Req } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { IsUUID } from 'class-validator';
import { FastifyRequest } from 'fastify';
import { AuthUser } from 'src/common/auth/auth-user';
import { CurrentUser, Roles } from 'src/common/auth/decorators';
import { IdParamDto } from 'src/common/dto';
import { todayIn } from 'src/common/time';
import { AppConfig } from 'src/config/config';
import { APP_CONFIG } from 'src/config/config.module';
import { DealsService } from 'src/deals/deals.service';
import {
  RecordDealCheckInDto,
  ContactDto,
  CreateDealDto,
  CreateTaskDto,
  DealQueryDto,
  IntentDto,
  IntentQueryDto,
  MoveStageDto,
  RegisterContractDto,
} from 'src/deals/dto/deals.dto';
import { FollowUpTasksService } from 'src/deals/follow-up-tasks.service';
import { IntentsService } from 'src/deals/intents.service';
import { EventQueryDto } from 'src/events/dto/event.dto';
import { EventsService } from 'src/events/events.service';
import {
  BOARD,
  blankDeal,
  boardPage,
  checkInInput,
  dealInput,
  dealNewPage,
  dealPage,
  dealPath,
  DealsDone,
  DealShown,
  doneNotice,
  inWan,
  CHECK_IN_AMOUNTS,
  DEAL_AMOUNTS,
  REGISTRATION_AMOUNTS,
  movedFromDeal,
  moveInput,
  refusedMove,
  registrationInput,
  Shown,
  taskInput,
} from 'src/web/console/deals/deals.page';
import { FollowUpTitles } from 'src/web/console/deals/follow-up-titles';
import { Form, Forms, Refusal, refusedOn } from 'src/web/forms';
import { PageAnswer, PageView, seeOther, view } from 'src/web/page-answer';
import { PageRenderer } from 'src/web/page-renderer';
import { PageController } from 'src/web/page-responder';

class DealTaskParamsDto extends IdParamDto {
  @IsUUID()
  taskId!: string;
}

/** A form of a deal's page: its name in the page's data, what was typed, the notice once done. */
interface DealForm {
  name: 'contact' | 'checkIn' | 'registration' | 'task';
  typed: Form;
  done: DealsDone;
}

/**
 * The deals and follow-ups board: intents and deals by stage, moved along; a deal recorded from an
 * intent or on its own; a deal's page with its history, contacts, check-ins and tasks.
 */
@PageController()
@Roles('organizer')
@Controller('console/deals')
export class DealsPagesController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly forms: Forms,
    private readonly intents: IntentsService,
    private readonly deals: DealsService,
    private readonly tasks: FollowUpTasksService,
    private readonly events: EventsService,
    private readonly titles: FollowUpTitles,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  board(
    @Req() request: FastifyRequest,
    @CurrentUser() user: AuthUser,
    @Query('done') done: unknown,
  ): Promise<PageAnswer> {
    return this.boardView(request, user, { done: doneNotice(done) });
  }

  @Post('intents/:id/stage')
  moveIntent(
    @Req() request: FastifyRequest,
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
    @Body() body: Form,
  ): Promise<PageAnswer> {
    return this.move(request, user, 'intent', params.id, body);
  }

  @Post(':id/stage')
  moveDeal(
    @Req() request: FastifyRequest,
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
    @Body() body: Form,
  ): Promise<PageAnswer> {
    return this.move(request, user, 'deal', params.id, body);
  }

  @Get('new')
  async newDeal(
    @Req() request: FastifyRequest,
    @CurrentUser() user: AuthUser,
    @Query('intentId') intentId: unknown,
  ): Promise<PageAnswer> {
    const intent = await this.intentOf(user, intentId);
    return this.dealNewView(user, intent, blankDeal(intent, this.reading(request).today));
  }

  @Post('new')
  async recordDeal(
    @Req() request: FastifyRequest,
    @CurrentUser() user: AuthUser,
    @Body() body: Form,
  ): Promise<PageAnswer> {
    const intent = await this.intentOf(user, body?.intentId);
    const form = { dto: CreateDealDto, input: dealInput(body) };
    const recorded = await this.forms.submit(request, form, (value) =>
      intent ? this.deals.sign(user, intent.id, value) : this.deals.createDeal(user, value),
    );
    if (!recorded.refused) return seeOther(dealPath(recorded.value.id), 'recorded');
    const refused = this.inWan(request, recorded.refused, DEAL_AMOUNTS);
    return this.dealNewView(user, intent, body, refused);
  }

  @Get(':id')
  deal(
    @Req() request: FastifyRequest,
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
    @Query('done') done: unknown,
  ): Promise<PageAnswer> {
    return this.dealView(request, user, params.id, { done: doneNotice(done) });
  }

  @Post(':id/contacts')
  async contact(
    @Req() request: FastifyRequest,
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
    @Body() body: Form,
  ): Promise<PageAnswer> {
    const { refused } = await this.forms.submit(
      request,
      { dto: ContactDto, input: body },
      (value) => this.deals.contact(user, params.id, value.note ?? ''),
    );
    const form: DealForm = { name: 'contact', typed: body, done: 'contacted' };
    return this.afterDealForm(request, user, params.id, form, refused);
  }

  @Post(':id/check-ins')
  async checkIn(
    @Req() request: FastifyRequest,
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
    @Body() body: Form,
  ): Promise<PageAnswer> {
    const input = { dto: RecordDealCheckInDto, input: checkInInput(body) };
    const { refused } = await this.forms.submit(request, input, (value) =>
      this.deals.checkIn(user, params.id, value),
    );
    const form: DealForm = { name: 'checkIn', typed: body, done: 'checkedIn' };
    return this.afterDealForm(request, user, params.id, form, refused);
  }

  /** The technology contract's registration (认定登记): category, number, amount in 万元, day. */
  @Post(':id/registration')
  async register(
    @Req() request: FastifyRequest,
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
    @Body() body: Form,
  ): Promise<PageAnswer> {
    const input = { dto: RegisterContractDto, input: registrationInput(body) };
    const { refused } = await this.forms.submit(request, input, (value) =>
      this.deals.register(user, params.id, value),
    );
    const form: DealForm = { name: 'registration', typed: body, done: 'registered' };
    return this.afterDealForm(request, user, params.id, form, refused);
  }

  @Post(':id/tasks')
  async createTask(
    @Req() request: FastifyRequest,
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
    @Body() body: Form,
  ): Promise<PageAnswer> {
    const deal = await this.deals.deal(user, params.id);
    const input = { dto: CreateTaskDto, input: taskInput(body, deal, user.id) };
    const { refused } = await this.forms.submit(request, input, (value) =>
      this.tasks.createTask(user, value),
    );
    const form: DealForm = { name: 'task', typed: body, done: 'taskCreated' };
    return this.afterDealForm(request, user, deal.id, form, refused);
  }

  @Post(':id/tasks/:taskId/done')
  async completeTask(
    @Req() request: FastifyRequest,
    @CurrentUser() user: AuthUser,
    @Param() params: DealTaskParamsDto,
  ): Promise<PageAnswer> {
    const { refused } = await this.forms.attempt(request, () =>
      this.tasks.updateTask(user, params.taskId, { done: true }),
    );
    const form: DealForm = { name: 'task', typed: {}, done: 'taskDone' };
    return this.afterDealForm(request, user, params.id, form, refused);
  }

  /** A stage move of an intent or a deal, from the board or a deal's page; back where it came from. */
  private async move(
    request: FastifyRequest,
    user: AuthUser,
    item: 'intent' | 'deal',
    id: string,
    body: Form,
  ): Promise<PageAnswer> {
    const fromDeal = movedFromDeal(body);
    const form = { dto: MoveStageDto, input: moveInput(body) };
    const { refused } = await this.forms.submit(request, form, (input): Promise<unknown> =>
      item === 'intent'
        ? this.intents.moveIntent(user, id, input)
        : this.deals.moveDeal(user, id, input),
    );
    if (!refused) return seeOther(fromDeal ? dealPath(id) : BOARD, 'moved');
    const shown = refusedMove(id, body, refused);
    return fromDeal
      ? this.dealView(request, user, id, shown, refused.status)
      : this.boardView(request, user, shown, refused.status);
  }

  /** A form of a deal's page: done, back to the page with its notice; refused, the page again. */
  private async afterDealForm(
    request: FastifyRequest,
    user: AuthUser,
    id: string,
    form: DealForm,
    refused: Refusal | undefined,
  ): Promise<PageAnswer> {
    if (!refused) return seeOther(dealPath(id), form.done);
    const shown = this.inWan(request, refused, { ...CHECK_IN_AMOUNTS, ...REGISTRATION_AMOUNTS });
    return this.dealView(
      request,
      user,
      id,
      refusedOn(form.name, form.typed, shown),
      refused.status,
    );
  }

  /** The intent a deal is recorded from (`intentId`), if one is named. */
  private async intentOf(user: AuthUser, intentId: unknown): Promise<IntentDto | undefined> {
    return typeof intentId === 'string' && intentId
      ? this.intents.intent(user, intentId)
      : undefined;
  }

  /** A refused amount, told beside its box in 万元 in the reader's language. */
  private inWan(
    request: FastifyRequest,
    refused: Refusal,
    amounts: Readonly<Record<string, string>>,
  ): Refusal {
    const text = this.pages.text(this.pages.context(request), 'outcomes.amountProblem');
    return inWan(refused, amounts, text);
  }

  private reading(request: FastifyRequest) {
    const { locale, timeZone } = this.pages.context(request);
    return { locale, staleDays: this.config.followUpNoContactDays, today: todayIn(timeZone) };
  }

  private async boardView(
    request: FastifyRequest,
    user: AuthUser,
    shown: Shown,
    status?: number,
  ): Promise<PageView> {
    const [intents, deals] = await Promise.all([
      this.intents.intents(user, firstPage(IntentQueryDto)),
      this.deals.deals(user, firstPage(DealQueryDto)),
    ]);
    const titles = await this.titles.of(user, [...intents.items, ...deals.items]);
    const page = boardPage(intents.items, deals.items, titles, this.reading(request), shown);
    return view('outcomes/deals', page, { status, titleKey: 'outcomes.deals.title' });
  }

  private async dealNewView(
    user: AuthUser,
    intent: IntentDto | undefined,
    form: Form,
    refused?: Refusal,
  ): Promise<PageView> {
    const events = await this.events.list(user, firstPage(EventQueryDto));
    const titles = await this.titles.of(user, intent ? [intent] : []);
    const page = dealNewPage(intent, titles, events.items, form, refused);
    return view('outcomes/deal-new', page, {
      status: refused?.status,
      titleKey: 'outcomes.dealNew.title',
    });
  }

  private async dealView(
    request: FastifyRequest,
    user: AuthUser,
    id: string,
    shown: DealShown,
    status?: number,
  ): Promise<PageView> {
    const [deal, history, checkIns, tasks] = await Promise.all([
      this.deals.deal(user, id),
      this.deals.history(user, id),
      this.deals.checkIns(user, id),
      this.tasks.dealTasks(user, id),
    ]);
    const titles = await this.titles.of(user, [deal]);
    const records = { deal, history, checkIns, tasks };
    return view('outcomes/deal', dealPage(records, titles, this.reading(request), shown), {
      status,
    });
  }
}

/** The first (largest) page of a list, as its query DTO defaults it. */
const firstPage = <T extends object>(dto: new () => T): T => plainToInstance(dto, { limit: 100 });
