import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser } from 'src/common/auth/auth-user';
import { CurrentUser, Roles } from 'src/common/auth/decorators';
import { IdParamDto } from 'src/common/dto';
import {
  JoinableQueryDto,
  MembershipRequestDto,
  MembershipRequestParamsDto,
  MyMembershipsDto,
  OrganizationRefDto,
  OwnMembershipRequestDto,
  RejectMembershipDto,
  RequestMembershipDto,
} from 'src/identity/dto/membership-request.dto';
import { MembershipRequestsService } from 'src/identity/membership-requests.service';

/** Joining an institution or enterprise: asked by an expert or enterprise, decided by its managers. */
@ApiTags('organizations 机构')
@ApiBearerAuth()
@Controller()
export class MembershipRequestsController {
  constructor(private readonly requests: MembershipRequestsService) {}

  @ApiOperation({
    summary: '申请加入机构 / Ask to join an institution or enterprise',
    description:
      '由该机构负责人审批；同一机构同时只有一份待审批的申请（MEMBERSHIP_REQUEST_PENDING），有频率限制。/ Its managers decide; one pending request per organization; rate-limited.',
  })
  @Roles('expert', 'enterprise')
  @Post('organizations/:id/membership-requests')
  request(
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
    @Body() body: RequestMembershipDto,
  ): Promise<OwnMembershipRequestDto> {
    return this.requests.request(user, params.id, body);
  }

  @ApiOperation({
    summary: '待审批的加入申请（负责人）/ Pending membership requests (its managers)',
  })
  @Get('organizations/:id/membership-requests')
  pending(
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
  ): Promise<MembershipRequestDto[]> {
    return this.requests.pending(user, params.id);
  }

  @ApiOperation({
    summary: '批准加入申请（负责人）/ Approve a membership request (its managers)',
    description: '申请人成为机构成员（member）。/ The person becomes a member.',
  })
  @Post('organizations/:id/membership-requests/:requestId/approve')
  @HttpCode(200)
  approve(
    @CurrentUser() user: AuthUser,
    @Param() params: MembershipRequestParamsDto,
  ): Promise<MembershipRequestDto> {
    return this.requests.approve(user, params.id, params.requestId);
  }

  @ApiOperation({ summary: '拒绝加入申请（负责人）/ Reject a membership request (its managers)' })
  @Post('organizations/:id/membership-requests/:requestId/reject')
  @HttpCode(200)
  reject(
    @CurrentUser() user: AuthUser,
    @Param() params: MembershipRequestParamsDto,
    @Body() body: RejectMembershipDto,
  ): Promise<MembershipRequestDto> {
    return this.requests.reject(user, params.id, params.requestId, body);
  }

  @ApiOperation({
    summary: '我的机构与申请 / My organizations and my pending or rejected requests',
  })
  @Get('me/memberships')
  mine(@CurrentUser() user: AuthUser): Promise<MyMembershipsDto> {
    return this.requests.mine(user);
  }

  @ApiOperation({ summary: '可申请加入的机构 / Institutions and enterprises one may ask to join' })
  @Get('me/joinable-organizations')
  joinable(@Query() query: JoinableQueryDto): Promise<OrganizationRefDto[]> {
    return this.requests.joinable(query);
  }
}
