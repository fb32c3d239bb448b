import { Controller, Get, Header, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { FastifyRequest } from 'fastify';
import { CalendarService } from 'src/calendar/calendar.service';
import { FeedQueryDto, FeedUrlDto } from 'src/calendar/dto/calendar.dto';
import { AuthUser } from 'src/common/auth/auth-user';
import { CurrentUser, Public } from 'src/common/auth/decorators';
import { IdParamDto } from 'src/common/dto';

@ApiTags('calendar 日历')
@ApiBearerAuth()
@Controller()
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  @ApiOperation({ summary: '活动日历文件 / The event as an iCalendar file' })
  @ApiProduces('text/calendar')
  @Public()
  @Get('events/:id/calendar.ics')
  @Header('content-type', 'text/calendar; charset=utf-8')
  @Header('content-disposition', 'attachment; filename="event.ics"')
  event(@Req() request: FastifyRequest, @Param() params: IdParamDto): Promise<string> {
    return this.calendar.eventCalendar(request.user, params.id);
  }

  @ApiOperation({ summary: '我的日历订阅地址 / The address of your personal calendar feed' })
  @Get('calendar/feed')
  async feedUrl(@CurrentUser() user: AuthUser): Promise<FeedUrlDto> {
    return { url: await this.calendar.feedUrl(user) };
  }

  @ApiOperation({
    summary:
      '重置日历订阅地址：旧地址立即失效 / A new feed address; the old one stops working at once',
  })
  @Post('calendar/feed/reset')
  @HttpCode(200)
  async resetFeed(@CurrentUser() user: AuthUser): Promise<FeedUrlDto> {
    return { url: await this.calendar.resetFeed(user) };
  }

  @ApiOperation({
    summary: '个人日历订阅：已报名的活动 / Personal feed: the events you are registered for',
  })
  @ApiProduces('text/calendar')
  @Public()
  @Get('calendar/feed.ics')
  @Header('content-type', 'text/calendar; charset=utf-8')
  @Header('cache-control', 'private, max-age=300')
  feed(@Query() query: FeedQueryDto): Promise<string> {
    return this.calendar.feed(query.token);
  }
}
