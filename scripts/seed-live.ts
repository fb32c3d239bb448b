// Demo data: the recorded history of a past event's live stream (a session with its audience
// figures, its viewers, moderated questions, chat and an intent sent from the stream). A session
// that took place cannot be started again through the services, so its rows are written as the
// live feature leaves them when a session ends.
import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { IntentsService } from 'src/deals/intents.service';
import { Event } from 'src/events/event.entity';
import { User } from 'src/identity/user.entity';
import { LiveChatMessage, LiveQuestion } from 'src/live/live-question.entity';
import { GUEST_MARK, UNNAMED_GUEST } from 'src/live/live-rules';
import { LiveSession } from 'src/live/live-session.entity';
import { asActor } from 'scripts/demo-support';

const UNIQUE_GUESTS = 1_640;

export async function seedLiveHistory(
  app: INestApplicationContext,
  past: Event,
  resultId: string,
): Promise<void> {
  const dataSource = app.get(DataSource);
  const user = (email: string) => dataSource.getRepository(User).findOneByOrFail({ email });
  const organizer = await user('organizer@duijie.demo');
  const enterprise = await user('enterprise@duijie.demo');
  const endedAt = new Date(past.startsAt.getTime() + 3 * 3600_000);
  const session = await dataSource.getRepository(LiveSession).save({
    eventId: past.id,
    agendaItemId: null,
    status: 'ended' as const,
    startedById: organizer.id,
    startedAt: past.startsAt,
    endedAt,
    totalViews: 2_318,
    uniqueViewers: UNIQUE_GUESTS + 1,
    peakConcurrent: 486,
    watchSeconds: 1_641 * 23 * 60,
  });
  await dataSource.query(
    `INSERT INTO live_viewer (session_id, viewer_id)
     SELECT $1::uuid, 'guest:' || md5(i::text) FROM generate_series(1, $2) i
     UNION ALL SELECT $1::uuid, 'user:' || $3::text`,
    [session.id, UNIQUE_GUESTS, enterprise.id],
  );
  const at = (minutes: number) => new Date(past.startsAt.getTime() + minutes * 60_000);
  await dataSource.getRepository(LiveQuestion).save([
    {
      sessionId: session.id,
      userId: enterprise.id,
      viewerId: `user:${enterprise.id}`,
      askerName: enterprise.name,
      text: 'MEMS 甲烷传感器的功耗能做到多少？能否用电池供电三年？',
      status: 'answered' as const,
      answer: '典型功耗 2 mW，配合间歇采样可用一节锂亚电池工作三年以上。',
      askedAt: at(35),
      moderatedAt: at(36),
      answeredAt: at(41),
    },
    {
      sessionId: session.id,
      userId: null,
      viewerId: 'guest:demo-1',
      askerName: `赵工${GUEST_MARK}`, // guests are shown marked as guests
      text: '样品是否支持小批量试用？',
      status: 'approved' as const,
      answer: null,
      askedAt: at(52),
      moderatedAt: at(53),
      answeredAt: null,
    },
    {
      sessionId: session.id,
      userId: null,
      viewerId: 'guest:demo-2',
      askerName: UNNAMED_GUEST,
      text: '求联系方式',
      status: 'rejected' as const,
      answer: null,
      askedAt: at(60),
      moderatedAt: at(60),
      answeredAt: null,
    },
  ]);
  await dataSource.getRepository(LiveChatMessage).save(
    ['直播很清晰 👍', '传感器寿命有多长？', '期待线下对接！'].map((text, i) => ({
      sessionId: session.id,
      userId: i === 2 ? enterprise.id : null,
      viewerId: i === 2 ? `user:${enterprise.id}` : `guest:demo-${i}`,
      name: i === 2 ? enterprise.name : UNNAMED_GUEST,
      text,
      sentAt: at(20 + i * 15),
    })),
  );
  // The intent button, pressed during the stream.
  await app.get(IntentsService).createIntent(asActor(enterprise), {
    enterpriseName: '成都芯联传感科技有限公司',
    resultId,
    eventId: past.id,
    note: '直播中表达意向 / From the live stream: 希望采购样品试用',
  });
}
