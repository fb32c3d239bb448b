import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Param,
  Post,
  Req,
  Res,
} from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { FastifyReply, FastifyRequest } from 'fastify';
import { AuthUser, SESSION_COOKIE } from 'src/common/auth/auth-user';
import { CurrentUser, Public } from 'src/common/auth/decorators';
import { IdParamDto } from 'src/common/dto';
import { AppConfig } from 'src/config/config';
import { APP_CONFIG } from 'src/config/config.module';
import { AccountSecurityService } from 'src/identity/account-security.service';
import { AuthService } from 'src/identity/auth.service';
import { SessionsService } from 'src/identity/sessions.service';
import { clearSessionCookie, clientOf, setSessionCookie } from 'src/identity/session-cookie';
import {
  ChangePasswordDto,
  EmailDto,
  LinkTokenDto,
  LoginDto,
  MeDto,
  MobileCodeDto,
  MobileDto,
  ResetByCodeDto,
  ResetByLinkDto,
  ResetRequestDto,
  SessionDto,
  SessionInfoDto,
  SignUpAnswerDto,
  SignUpDto,
} from 'src/identity/dto/auth.dto';

@ApiTags('auth 账号')
@ApiBearerAuth()
@ApiCookieAuth(SESSION_COOKIE)
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly security: AccountSecurityService,
    private readonly sessions: SessionsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @ApiOperation({
    summary: '注册 / Sign up as an expert or an enterprise user',
    description:
      '202：已向邮箱发送验证链接、向手机发送验证码；地址已被占用时答复相同（其所有者会收到提醒）。/ 202: a link went to the e-mail and a code to the mobile; the same answer when an address is taken (its owner is told).',
  })
  @Public()
  @Post('sign-up')
  @HttpCode(202)
  signUp(@Body() body: SignUpDto, @Req() request: FastifyRequest): Promise<SignUpAnswerDto> {
    return this.auth.signUp(body, clientOf(request));
  }

  @ApiOperation({ summary: '验证邮箱并登录 / Verify the e-mail address by its link, and sign in' })
  @Public()
  @Post('verify/email')
  @HttpCode(200)
  async verifyEmail(
    @Body() body: LinkTokenDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionDto> {
    return this.withCookie(reply, await this.auth.verifyEmail(body.token, clientOf(request)));
  }

  @ApiOperation({ summary: '验证手机并登录 / Verify the mobile by its SMS code, and sign in' })
  @Public()
  @Post('verify/mobile')
  @HttpCode(200)
  async verifyMobile(
    @Body() body: MobileCodeDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionDto> {
    return this.withCookie(reply, await this.auth.verifyMobile(body, clientOf(request)));
  }

  @ApiOperation({ summary: '重发验证 / Send the link and code again for unverified addresses' })
  @Post('verify/resend')
  @HttpCode(202)
  resend(@CurrentUser() user: AuthUser, @Req() request: FastifyRequest): Promise<SignUpAnswerDto> {
    return this.auth.resendVerification(user, clientOf(request));
  }

  @ApiOperation({ summary: '邮箱密码登录 / Sign in by e-mail and password (rate-limited)' })
  @Public()
  @Post('login')
  @HttpCode(200)
  async login(
    @Body() body: LoginDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionDto> {
    return this.withCookie(reply, await this.auth.login(body, clientOf(request)));
  }

  @ApiOperation({
    summary: '发送登录验证码 / Send a sign-in code by SMS (the same answer for unknown numbers)',
  })
  @Public()
  @Post('login/code')
  @HttpCode(202)
  async sendCode(@Body() body: MobileDto, @Req() request: FastifyRequest): Promise<void> {
    await this.auth.sendSignInCode(body.mobile, clientOf(request));
  }

  @ApiOperation({ summary: '短信验证码登录 / Sign in by mobile and SMS code (no password)' })
  @Public()
  @Post('login/mobile')
  @HttpCode(200)
  async loginByCode(
    @Body() body: MobileCodeDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionDto> {
    return this.withCookie(reply, await this.auth.loginByCode(body, clientOf(request)));
  }

  @ApiOperation({
    summary:
      '找回密码 / Ask for a reset link (e-mail) or code (SMS); the same answer for unknown addresses',
  })
  @Public()
  @Post('password-reset')
  @HttpCode(202)
  requestReset(
    @Body() body: ResetRequestDto,
    @Req() request: FastifyRequest,
  ): Promise<SignUpAnswerDto> {
    return this.security.requestReset(body, clientOf(request));
  }

  @ApiOperation({ summary: '以邮件链接重设密码 / Reset by e-mail link: ends every session' })
  @Public()
  @Post('password-reset/email')
  @HttpCode(200)
  async resetByLink(
    @Body() body: ResetByLinkDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionDto> {
    return this.withCookie(reply, await this.security.resetByLink(body, clientOf(request)));
  }

  @ApiOperation({ summary: '以短信验证码重设密码 / Reset by SMS code: ends every session' })
  @Public()
  @Post('password-reset/mobile')
  @HttpCode(200)
  async resetByCode(
    @Body() body: ResetByCodeDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionDto> {
    return this.withCookie(reply, await this.security.resetByCode(body, clientOf(request)));
  }

  @ApiOperation({ summary: '退出登录 / Sign out: ends this session' })
  @Post('logout')
  @HttpCode(204)
  async logout(
    @CurrentUser() user: AuthUser,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    await this.auth.logout(user);
    clearSessionCookie(reply);
  }

  @ApiOperation({ summary: '当前用户 / The signed-in user' })
  @Get('me')
  me(@CurrentUser() user: AuthUser): Promise<MeDto> {
    return this.auth.me(user.id);
  }

  @ApiOperation({ summary: '修改密码 / Change password; ends your other sessions' })
  @Post('password')
  @HttpCode(204)
  changePassword(@CurrentUser() user: AuthUser, @Body() body: ChangePasswordDto): Promise<void> {
    return this.auth.changePassword(user, body);
  }

  @ApiOperation({
    summary: '更换邮箱 / Change e-mail: takes effect when the link sent to it is followed',
  })
  @Post('email')
  @HttpCode(202)
  changeEmail(
    @CurrentUser() user: AuthUser,
    @Body() body: EmailDto,
    @Req() request: FastifyRequest,
  ): Promise<SignUpAnswerDto> {
    return this.security.requestAddressChange(user, body.email, clientOf(request));
  }

  @ApiOperation({
    summary: '更换手机号 / Change mobile: takes effect when the code sent to it is entered',
  })
  @Post('mobile')
  @HttpCode(202)
  changeMobile(
    @CurrentUser() user: AuthUser,
    @Body() body: MobileDto,
    @Req() request: FastifyRequest,
  ): Promise<SignUpAnswerDto> {
    return this.security.requestAddressChange(user, body.mobile, clientOf(request));
  }

  @ApiOperation({ summary: '我的登录设备 / My active sessions, with device and time' })
  @Get('sessions')
  mySessions(@CurrentUser() user: AuthUser): Promise<SessionInfoDto[]> {
    return this.sessions.mine(user);
  }

  @ApiOperation({ summary: '结束一个登录会话 / End one of my sessions' })
  @Delete('sessions/:id')
  @HttpCode(204)
  endSession(@CurrentUser() user: AuthUser, @Param() params: IdParamDto): Promise<void> {
    return this.sessions.end(user, params.id);
  }

  private withCookie(reply: FastifyReply, session: SessionDto): SessionDto {
    setSessionCookie(reply, session, this.config);
    return session;
  }
}
