import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser } from 'src/common/auth/auth-user';
import { CurrentUser, Roles } from 'src/common/auth/decorators';
import { IdParamDto } from 'src/common/dto';
import { DealsService } from 'src/deals/deals.service';
import {
  AssignOwnerDto,
  RecordDealCheckInDto,
  ContactDto,
  CorrectDealDto,
  CreateDealDto,
  CreateIntentDto,
  CreateTaskDto,
  DealDto,
  DealPageDto,
  DealQueryDto,
  IntentDto,
  IntentPageDto,
  IntentQueryDto,
  MoveStageDto,
  RegisterContractDto,
  TaskDto,
  UpdateTaskDto,
} from 'src/deals/dto/deals.dto';
import { AuditEntryDto } from 'src/audit/dto/audit-entry.dto';
import { IntentsService } from 'src/deals/intents.service';
import { FollowUpTasksService } from 'src/deals/follow-up-tasks.service';

@ApiTags('deals 意向、签约与跟进')
@ApiBearerAuth()
@Controller()
export class DealsController {
  constructor(
    private readonly intentsService: IntentsService,
    private readonly deals: DealsService,
    private readonly tasks: FollowUpTasksService,
  ) {}

  @ApiOperation({ summary: '表达合作意向（企业）/ State an intent to cooperate (enterprises)' })
  @Roles('enterprise', 'organizer')
  @Post('intents')
  createIntent(@CurrentUser() user: AuthUser, @Body() body: CreateIntentDto): Promise<IntentDto> {
    return this.intentsService.createIntent(user, body);
  }

  @ApiOperation({
    summary:
      '合作意向：组织者看全部（或某活动的），企业看本企业的 / Intents: all (or an event’s) for organizers, your own for enterprises',
  })
  @Get('intents')
  intents(@CurrentUser() user: AuthUser, @Query() query: IntentQueryDto): Promise<IntentPageDto> {
    return this.intentsService.intents(user, query);
  }

  @ApiOperation({ summary: '推进或终止意向跟进 / Move an intent a stage on, or drop it' })
  @Post('intents/:id/stage')
  @HttpCode(200)
  moveIntent(
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
    @Body() body: MoveStageDto,
  ): Promise<IntentDto> {
    return this.intentsService.moveIntent(user, params.id, body);
  }

  @ApiOperation({
    summary: '指定意向跟进人（组织者）/ Assign who follows an intent up (organizers)',
  })
  @Roles('organizer')
  @Post('intents/:id/owner')
  @HttpCode(200)
  assignIntent(
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
    @Body() body: AssignOwnerDto,
  ): Promise<IntentDto> {
    return this.intentsService.assignIntent(user, params.id, body.ownerId);
  }

  @ApiOperation({ summary: '意向签约（组织者）/ Sign the deal an intent led to (organizers)' })
  @Roles('organizer')
  @Post('intents/:id/deal')
  sign(
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
    @Body() body: CreateDealDto,
  ): Promise<DealDto> {
    return this.deals.sign(user, params.id, body);
  }

  @ApiOperation({ summary: '登记签约（组织者）/ Record a signed deal (organizers)' })
  @Roles('organizer')
  @Post('deals')
  createDeal(@CurrentUser() user: AuthUser, @Body() body: CreateDealDto): Promise<DealDto> {
    return this.deals.createDeal(user, body);
  }

  @ApiOperation({ summary: '签约列表（组织者）/ Deals (organizers)' })
  @Roles('organizer')
  @Get('deals')
  list(@CurrentUser() user: AuthUser, @Query() query: DealQueryDto): Promise<DealPageDto> {
    return this.deals.deals(user, query);
  }

  @ApiOperation({ summary: '签约详情（跟进人、组织者）/ One deal (its owner, organizers)' })
  @Get('deals/:id')
  get(@CurrentUser() user: AuthUser, @Param() params: IdParamDto): Promise<DealDto> {
    return this.deals.deal(user, params.id);
  }

  @ApiOperation({
    summary:
      '更正签约信息，改金额须说明原因（留痕）/ Correct a deal; changing the amount needs a reason (kept in history)',
  })
  @Patch('deals/:id')
  correct(
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
    @Body() body: CorrectDealDto,
  ): Promise<DealDto> {
    return this.deals.correct(user, params.id, body);
  }

  @ApiOperation({ summary: '签约的修改记录 / A deal’s history of changes' })
  @Get('deals/:id/history')
  history(@CurrentUser() user: AuthUser, @Param() params: IdParamDto): Promise<AuditEntryDto[]> {
    return this.deals.history(user, params.id);
  }

  @ApiOperation({ summary: '落地或终止签约跟进 / Mark a deal landed, or drop it' })
  @Post('deals/:id/stage')
  @HttpCode(200)
  moveDeal(
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
    @Body() body: MoveStageDto,
  ): Promise<DealDto> {
    return this.deals.moveDeal(user, params.id, body);
  }

  @ApiOperation({ summary: '记录一次联系 / Record a contact with the parties' })
  @Post('deals/:id/contacts')
  @HttpCode(200)
  contact(
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
    @Body() body: ContactDto,
  ): Promise<DealDto> {
    return this.deals.contact(user, params.id, body.note ?? '');
  }

  @ApiOperation({
    summary: '登记 3/6/12 个月回访：是否落地、到账、产值 / Record a 3/6/12-month check-in',
  })
  @Post('deals/:id/check-ins')
  @HttpCode(200)
  checkIn(
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
    @Body() body: RecordDealCheckInDto,
  ): Promise<DealDto> {
    return this.deals.checkIn(user, params.id, body);
  }

  @ApiOperation({
    summary:
      '技术合同认定登记：类别、登记编号、登记金额、登记日期 / Record the technology contract’s registration: category, number, amount, day',
  })
  @Put('deals/:id/registration')
  registration(
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
    @Body() body: RegisterContractDto,
  ): Promise<DealDto> {
    return this.deals.register(user, params.id, body);
  }

  @ApiOperation({ summary: '创建跟进任务（组织者）/ Create a follow-up task (organizers)' })
  @Roles('organizer')
  @Post('follow-up-tasks')
  createTask(@CurrentUser() user: AuthUser, @Body() body: CreateTaskDto): Promise<TaskDto> {
    return this.tasks.createTask(user, body);
  }

  @ApiOperation({ summary: '我的跟进任务 / My open follow-up tasks' })
  @Get('follow-up-tasks')
  myTasks(@CurrentUser() user: AuthUser): Promise<TaskDto[]> {
    return this.tasks.myTasks(user);
  }

  @ApiOperation({ summary: '改期、备注或完成任务 / Move, annotate or complete a task' })
  @Patch('follow-up-tasks/:id')
  updateTask(
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
    @Body() body: UpdateTaskDto,
  ): Promise<TaskDto> {
    return this.tasks.updateTask(user, params.id, body);
  }
}
