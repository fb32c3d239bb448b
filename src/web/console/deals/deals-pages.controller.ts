import {
  Body,
  Controller,
  Get,
  Inject,
  Param,
  Post,
  Query,
  Req,
  Res,
  UseFilters,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { plainToInstance } from 'class-transformer';
import { IsUUID } from 'class-validator';
import { FastifyReply, FastifyRequest } from 'fastify';
import { Roles } from 'src/common/auth/decorators';
import { IdParamDto } from 'src/common/dto';
import { AppConfig } from 'src/config/config';
import { APP_CONFIG } from 'src/config/config.module';
import { FieldProblem } from 'src/common/errors/domain-error';
import { DealsService } from 'src/deals/deals.service';
import {
  CheckInDto,
  ContactDto,
  CreateDealDto,
  CreateTaskDto,
  DealQueryDto,
  IntentDto,
  IntentQueryDto,
  MoveStageDto,
} from 'src/deals/dto/deals.dto';
import { CHECK_IN_MONTHS, DEAL_TYPES } from 'src/deals/follow-up';
import { EventQueryDto } from 'src/events/dto/event.dto';
import { EventsService } from 'src/events/events.service';
import { readForm, redirectDone, Refusal, submitForm, submitThenDone } from 'src/web/forms';
import { PageErrorFilter } from 'src/web/page-error.filter';
import { PageRenderer } from 'src/web/page-renderer';
import { typedForm } from 'src/web/console/console-forms';
import { todayIn } from 'src/common/time';
import { IntentsService } from 'src/deals/intents.service';
import { FollowUpTasksService } from 'src/deals/follow-up-tasks.service';
import { boardColumns, checkInView, dealView, historyLine } from 'src/web/console/deals/deals.page';
import { FollowUpTitles } from 'src/web/console/deals/follow-up-titles';

type Form = Record<string, unknown>;

class DealTaskParamsDto extends IdParamDto {
  @IsUUID()
  taskId!: string;
}

/** The text above a refused form of these pages. */
const REFUSED = 'outcomes.refused';

const DEAL_FORM = { money: { contractValueFen: 'contractValueFen' }, checkboxes: ['atCeremony'] };

/**
 * The deals and follow-ups board: intents and deals by stage, moved along; a deal recorded from an
 * intent or on its own; a deal's page with its history, contacts, check-ins and tasks.
 */
@ApiExcludeController()
@Roles('organizer')
@UseFilters(PageErrorFilter)
@Controller('console/deals')
export class DealsPagesController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly intents: IntentsService,
    private readonly deals: DealsService,
    private readonly tasks: FollowUpTasksService,
    private readonly events: EventsService,
    private readonly titles: FollowUpTitles,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  async board(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query('done') done?: string,
  ): Promise<void> {
    await this.boardPage(reply, request, { done });
  }

  @Post('intents/:id/stage')
  async moveIntent(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param() params: IdParamDto,
    @Body() body: Form,
  ): Promise<void> {
    await this.move(request, reply, params.id, body, (input) =>
      this.intents.moveIntent(request.user!, params.id, input),
    );
  }

  @Post(':id/stage')
  async moveDeal(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param() params: IdParamDto,
    @Body() body: Form,
  ): Promise<void> {
    await this.move(request, reply, params.id, body, (input) =>
      this.deals.moveDeal(request.user!, params.id, input),
    );
  }

  @Get('new')
  async newDeal(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query('intentId') intentId?: string,
  ): Promise<void> {
    const intent = intentId ? await this.intents.intent(request.user!, intentId) : undefined;
    const form = {
      enterpriseName: intent?.enterpriseName ?? '',
      signedOn: todayIn(this.pages.context(request).timeZone),
      type: 'transfer',
      eventId: intent?.eventId ?? '',
    };
    await this.dealForm(reply, request, intent, { form });
  }

  @Post('new')
  async recordDeal(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() body: Form,
  ): Promise<void> {
    const { intentId, ...fields } = body ?? {};
    const intent =
      typeof intentId === 'string' && intentId
        ? await this.intents.intent(request.user!, intentId)
        : undefined;
    const context = this.pages.context(request);
    const refusedText = this.pages.text(context, REFUSED);
    let dealId = '';
    const refused = await submitForm(context.locale, refusedText, async () => {
      const form = await readForm(CreateDealDto, typedForm(fields, DEAL_FORM));
      if (!form.value) return form.problems;
      const deal = intent
        ? await this.deals.sign(request.user!, intent.id, form.value)
        : await this.deals.createDeal(request.user!, form.value);
      dealId = deal.id;
      return [];
    });
    if (refused) {
      this.amountProblems(request, refused, ['contractValueFen']);
      await this.dealForm(reply, request, intent, { form: body, ...refused }, refused.status);
      return;
    }
    redirectDone(reply, `/console/deals/${dealId}`, 'recorded');
  }

  @Get(':id')
  async deal(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param() params: IdParamDto,
    @Query('done') done?: string,
  ): Promise<void> {
    await this.dealPage(reply, request, params.id, { done });
  }

  @Post(':id/contacts')
  async contact(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param() params: IdParamDto,
    @Body() body: Form,
  ): Promise<void> {
    await this.dealAction(request, reply, params.id, 'contact', body, 'contacted', async () => {
      const form = await readForm(ContactDto, body);
      if (!form.value) return form.problems;
      await this.deals.contact(request.user!, params.id, form.value.note ?? '');
      return [];
    });
  }

  @Post(':id/check-ins')
  async checkIn(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param() params: IdParamDto,
    @Body() body: Form,
  ): Promise<void> {
    await this.dealAction(request, reply, params.id, 'checkIn', body, 'checkedIn', async () => {
      // The page has a contact note too: this form's note has a name of its own.
      const { checkInNote, ...fields } = body;
      const typed = typedForm(
        { ...fields, note: checkInNote },
        {
          money: { receivedFen: 'receivedFen', outputValueFen: 'outputValueFen' },
          checkboxes: ['landed'],
          numbers: ['months'],
        },
      );
      const form = await readForm(CheckInDto, typed);
      if (!form.value) return form.problems;
      await this.deals.checkIn(request.user!, params.id, form.value);
      return [];
    });
  }

  @Post(':id/tasks')
  async createTask(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param() params: IdParamDto,
    @Body() body: Form,
  ): Promise<void> {
    await this.dealAction(request, reply, params.id, 'task', body, 'taskCreated', async () => {
      const deal = await this.deals.deal(request.user!, params.id);
      const form = await readForm(CreateTaskDto, {
        ...body,
        dealId: deal.id,
        ownerId: deal.ownerId ?? request.user!.id,
      });
      if (!form.value) return form.problems;
      await this.tasks.createTask(request.user!, form.value);
      return [];
    });
  }

  @Post(':id/tasks/:taskId/done')
  async completeTask(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param() params: DealTaskParamsDto,
  ): Promise<void> {
    await this.dealAction(request, reply, params.id, 'task', {}, 'taskDone', async () => {
      await this.tasks.updateTask(request.user!, params.taskId, { done: true });
      return [];
    });
  }

  /** A stage move from the board or a deal's page; back where it came from. */
  private async move(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    body: Form,
    action: (input: MoveStageDto) => Promise<unknown>,
  ): Promise<void> {
    const back = body?.back === 'deal' ? `/console/deals/${id}` : '/console/deals';
    const page = { path: back, done: 'moved', refusedKey: REFUSED };
    const refused = await submitThenDone(this.pages, request, reply, page, async () => {
      const form = await readForm(MoveStageDto, { stage: body?.stage, reason: body?.reason });
      if (!form.value) return form.problems;
      await action(form.value);
      return [];
    });
    if (!refused) return;
    const moveForm = { id, form: body, ...refused };
    if (body?.back === 'deal')
      await this.dealPage(reply, request, id, { moveForm }, refused.status);
    else await this.boardPage(reply, request, { moveForm }, refused.status);
  }

  /** A form of a deal's page: done, back to the page with a notice; refused, the page again. */
  private async dealAction(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    formName: string,
    body: Form,
    done: string,
    action: () => Promise<FieldProblem[]>,
  ): Promise<void> {
    const page = { path: `/console/deals/${id}`, done, refusedKey: REFUSED };
    const refused = await submitThenDone(this.pages, request, reply, page, action);
    if (!refused) return;
    this.amountProblems(request, refused, ['receivedFen', 'outputValueFen']);
    await this.dealPage(
      reply,
      request,
      id,
      { [`${formName}Form`]: { form: body, ...refused } },
      refused.status,
    );
  }

  /** An amount is typed in 元, not the DTO's fen: its problem is told in 元. */
  private amountProblems(request: FastifyRequest, refused: Refusal, fields: string[]): void {
    const text = this.pages.text(this.pages.context(request), 'outcomes.amountProblem');
    for (const field of fields) if (refused.fields[field]) refused.fields[field] = text;
  }

  private async boardPage(
    reply: FastifyReply,
    request: FastifyRequest,
    data: Record<string, unknown>,
    status = 200,
  ): Promise<void> {
    const user = request.user!;
    const context = this.pages.context(request);
    const [intents, deals] = await Promise.all([
      this.intents.intents(user, firstPage(IntentQueryDto)),
      this.deals.deals(user, firstPage(DealQueryDto)),
    ]);
    const titles = await this.titles.of(user, [...intents.items, ...deals.items]);
    const days = this.config.followUpNoContactDays;
    const reading = { locale: context.locale, staleDays: days };
    const columns = boardColumns(intents.items, deals.items, titles, reading);
    this.pages.send(
      reply,
      request,
      'outcomes/deals',
      {
        title: this.pages.text(context, 'outcomes.deals.title'),
        columns,
        staleDays: days,
        ...data,
      },
      status,
    );
  }

  private async dealForm(
    reply: FastifyReply,
    request: FastifyRequest,
    intent: IntentDto | undefined,
    data: Record<string, unknown>,
    status = 200,
  ): Promise<void> {
    const context = this.pages.context(request);
    const events = await this.events.list(request.user, firstPage(EventQueryDto));
    const titles = intent ? await this.titles.of(request.user!, [intent]) : undefined;
    this.pages.send(
      reply,
      request,
      'outcomes/deal-new',
      {
        title: this.pages.text(context, 'outcomes.dealNew.title'),
        intent: intent && {
          ...intent,
          resultTitle: intent.resultId ? titles!.results.get(intent.resultId) : undefined,
          eventTitle: intent.eventId ? titles!.events.get(intent.eventId) : undefined,
        },
        events: events.items,
        types: DEAL_TYPES,
        ...data,
      },
      status,
    );
  }

  private async dealPage(
    reply: FastifyReply,
    request: FastifyRequest,
    id: string,
    data: Record<string, unknown>,
    status = 200,
  ): Promise<void> {
    const user = request.user!;
    const context = this.pages.context(request);
    const [deal, history, checkIns, tasks] = await Promise.all([
      this.deals.deal(user, id),
      this.deals.history(user, id),
      this.deals.checkIns(user, id),
      this.tasks.dealTasks(user, id),
    ]);
    const titles = await this.titles.of(user, [deal]);
    const today = todayIn(context.timeZone);
    this.pages.send(
      reply,
      request,
      'outcomes/deal',
      {
        title: `${deal.enterpriseName} × ${deal.institutionName}`,
        deal: dealView(deal, titles, {
          locale: context.locale,
          staleDays: this.config.followUpNoContactDays,
        }),
        history: history.map(historyLine),
        checkIns: checkIns.map((c) => checkInView(c, context.locale)),
        contacts: history.filter((e) => e.action === 'contacted'),
        tasks: tasks.map((t) => ({ ...t, due: !t.doneAt && t.dueOn <= today })),
        months: CHECK_IN_MONTHS,
        today,
        ...data,
      },
      status,
    );
  }
}

/** The first (largest) page of a list, as its query DTO defaults it. */
const firstPage = <T extends object>(dto: new () => T): T => plainToInstance(dto, { limit: 100 });
