import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { AuthUser } from 'src/common/auth/auth-user';
import { CurrentUser, OptionalUser, Public } from 'src/common/auth/decorators';
import { IdParamDto } from 'src/common/dto';
import {
  HlsFileParamDto,
  HlsGrantFileParamDto,
  LiveQuestionDto,
  LiveSessionDto,
  QuestionQueryDto,
  RelayParamDto,
  StartLiveSessionDto,
} from 'src/live/dto/live.dto';
import { LiveError } from 'src/live/live.errors';
import { LiveTalkService } from 'src/live/live-talk.service';
import { LiveService } from 'src/live/live.service';

const HLS_TYPES: Record<string, string> = {
  m3u8: 'application/vnd.apple.mpegurl',
  ts: 'video/mp2t',
};

@ApiTags('live 直播')
@ApiBearerAuth()
@Controller()
export class LiveController {
  constructor(
    private readonly live: LiveService,
    private readonly talk: LiveTalkService,
  ) {}

  @ApiOperation({
    summary:
      '开播：议程（或整场活动）的直播，首场开播时活动进入直播状态（路演人或组织者）/ Start a live session of an agenda item or the event (presenters, organizers)',
  })
  @Post('live/sessions')
  start(@CurrentUser() user: AuthUser, @Body() body: StartLiveSessionDto): Promise<LiveSessionDto> {
    return this.live.start(user, body);
  }

  @ApiOperation({
    summary:
      '结束直播，观看数据写入统计（路演人或组织者）/ End a live session; its audience figures go to the statistics',
  })
  @Post('live/sessions/:id/stop')
  @HttpCode(200)
  stop(@CurrentUser() user: AuthUser, @Param() params: IdParamDto): Promise<LiveSessionDto> {
    return this.live.stop(user, params.id);
  }

  @ApiOperation({ summary: '直播场次与观看数据 / A live session and its audience figures' })
  @Public()
  @Get('live/sessions/:id')
  get(
    @OptionalUser() user: AuthUser | undefined,
    @Param() params: IdParamDto,
  ): Promise<LiveSessionDto> {
    return this.live.get(user, params.id);
  }

  @ApiOperation({ summary: '活动的直播场次 / An event’s live sessions, latest first' })
  @Public()
  @Get('events/:id/live-sessions')
  list(
    @OptionalUser() user: AuthUser | undefined,
    @Param() params: IdParamDto,
  ): Promise<LiveSessionDto[]> {
    return this.live.listForEvent(user, params.id);
  }

  @ApiOperation({
    summary:
      '直播提问：组织者看到全部，其他人看到已通过与已回答的 / Questions: organizers see all, others the approved and answered',
  })
  @Public()
  @Get('live/sessions/:id/questions')
  questions(
    @OptionalUser() user: AuthUser | undefined,
    @Param() params: IdParamDto,
    @Query() query: QuestionQueryDto,
  ): Promise<LiveQuestionDto[]> {
    return this.talk.questions(user, params.id, query);
  }

  @ApiOperation({
    summary:
      '开始 HLS 转播（hls）或录制（recording），需要 ffmpeg（组织者）/ Start the HLS relay or a recording; needs ffmpeg (organizers)',
  })
  @Post('live/sessions/:id/relays/:kind')
  startRelay(
    @CurrentUser() user: AuthUser,
    @Param() params: RelayParamDto,
  ): Promise<LiveSessionDto> {
    return this.live.startRelay(user, params.id, params.kind);
  }

  @ApiOperation({
    summary: '停止转播或录制（组织者）/ Stop the HLS relay or the recording (organizers)',
  })
  @Delete('live/sessions/:id/relays/:kind')
  stopRelay(
    @CurrentUser() user: AuthUser,
    @Param() params: RelayParamDto,
  ): Promise<LiveSessionDto> {
    return this.live.stopRelay(user, params.id, params.kind);
  }

  @ApiOperation({
    summary:
      'HLS 转播文件，供 CDN 回源（公开活动）/ The HLS relay’s files, for a CDN to pull (public events)',
  })
  @ApiProduces(...Object.values(HLS_TYPES))
  @Public()
  @Get('live/sessions/:id/hls/:file')
  async hls(@Param() params: HlsFileParamDto, @Res() reply: FastifyReply): Promise<void> {
    await sendHls(reply, await this.live.hlsDirectory(params.id), params.file);
  }

  @ApiOperation({
    summary:
      'HLS 转播文件，凭会话详情中的签名地址（非公开活动，有效期 6 小时）/ The HLS relay’s files by the signed address a session’s details give those who may watch (non-public events; valid 6 hours)',
  })
  @ApiProduces(...Object.values(HLS_TYPES))
  @Public()
  @Get('live/sessions/:id/hls/:grant/:file')
  async signedHls(
    @Param() params: HlsGrantFileParamDto,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await sendHls(reply, await this.live.hlsDirectory(params.id, params.grant), params.file);
  }
}

async function sendHls(reply: FastifyReply, directory: string, file: string): Promise<void> {
  const path = join(directory, file);
  if (!(await stat(path).catch(() => null))?.isFile())
    throw LiveError.LIVE_RELAY_NOT_RUNNING({ kind: 'hls', file });
  const type = HLS_TYPES[file.split('.').pop()!];
  await reply
    .header('content-type', type)
    .header('cache-control', file.endsWith('.m3u8') ? 'no-cache' : 'max-age=60')
    .send(createReadStream(path));
}
