import { actsAs } from 'src/access/policy';
import { Injectable } from '@nestjs/common';
import { AgendaItem } from 'src/agenda/agenda-item.entity';
import { AuthUser } from 'src/common/auth/auth-user';
import { Tx } from 'src/database/tx';
import { IntentDto } from 'src/deals/dto/deals.dto';
import { IntentsService } from 'src/deals/intents.service';
import { Attendance } from 'src/live/attendance';
import { LiveBroadcast } from 'src/live/broadcast';
import {
  AnswerDto,
  AskDto,
  ChatMessageDto,
  LiveIntentDto,
  LiveQuestionDto,
  ModerateDto,
  QuestionQueryDto,
} from 'src/live/dto/live.dto';
import { LiveChatMessage, LiveQuestion } from 'src/live/live-question.entity';
import { guestDisplayName } from 'src/live/live-rules';
import { LiveSessionRecords } from 'src/live/live-session-records';
import { LiveError } from 'src/live/live.errors';
import { QUESTION_LIFECYCLE, QuestionStatus } from 'src/live/question-status';
import { organizationNameOf } from 'src/identity/identity-queries';

/**
 * What the audience says during a session: questions (asked, moderated, answered), chat lines
 * and the intent button. Who speaks is the `Attendance` the session lifecycle (`LiveService.admit`)
 * granted; what is said is told to the session's peers through `LiveBroadcast`.
 */
@Injectable()
export class LiveTalkService {
  constructor(
    private readonly tx: Tx,
    private readonly records: LiveSessionRecords,
    private readonly broadcast: LiveBroadcast,
    private readonly intents: IntentsService,
  ) {}

  /** A session's questions: organizers see them all, everyone else the approved and answered. */
  async questions(
    user: AuthUser | undefined,
    sessionId: string,
    query: QuestionQueryDto,
  ): Promise<LiveQuestionDto[]> {
    const session = await this.records.row(sessionId);
    const manages = await this.records.visible(user, session);
    const qb = this.tx
      .repository(LiveQuestion)
      .createQueryBuilder('q')
      .where('q.sessionId = :sessionId', { sessionId })
      .orderBy('q.askedAt', 'ASC');
    if (query.status) qb.andWhere('q.status = :status', { status: query.status });
    if (!manages) qb.andWhere("q.status IN ('approved', 'answered')");
    return (await qb.getMany()).map(toQuestionDto);
  }

  async ask(
    user: AuthUser | undefined,
    attendance: Attendance,
    input: AskDto,
  ): Promise<LiveQuestionDto> {
    const repo = this.tx.repository(LiveQuestion);
    const question = repo.create({
      sessionId: attendance.sessionId,
      userId: user?.id ?? null,
      viewerId: attendance.viewerId,
      askerName: displayName(user, input.name),
      text: input.text,
    });
    await repo.insert(question);
    const dto = toQuestionDto(question);
    await this.broadcast.tell(attendance.sessionId, 'moderators', 'questionAsked', dto);
    return dto;
  }

  async moderate(attendance: Attendance, input: ModerateDto): Promise<LiveQuestionDto> {
    if (!attendance.moderator) throw LiveError.LIVE_NOT_MODERATOR({});
    const to: QuestionStatus = input.decision === 'approve' ? 'approved' : 'rejected';
    return this.moveQuestion(attendance, input.questionId, to, { moderatedAt: new Date() });
  }

  async answer(attendance: Attendance, input: AnswerDto): Promise<LiveQuestionDto> {
    if (!attendance.answers) throw LiveError.LIVE_NOT_PRESENTER({});
    return this.moveQuestion(attendance, input.questionId, 'answered', {
      answer: input.answer ?? null,
      answeredAt: new Date(),
    });
  }

  async chat(
    user: AuthUser | undefined,
    attendance: Attendance,
    input: AskDto,
  ): Promise<ChatMessageDto> {
    const repo = this.tx.repository(LiveChatMessage);
    const message = repo.create({
      sessionId: attendance.sessionId,
      userId: user?.id ?? null,
      viewerId: attendance.viewerId,
      name: displayName(user, input.name),
      text: input.text,
    });
    await repo.insert(message);
    const dto = toChatMessageDto(message);
    await this.broadcast.tell(attendance.sessionId, 'everyone', 'chat', dto);
    return dto;
  }

  /** The intent button: a signed-in enterprise viewer wants to cooperate on the presented result. */
  async intent(
    user: AuthUser | undefined,
    attendance: Attendance,
    input: LiveIntentDto,
  ): Promise<IntentDto> {
    const { sessionId, agendaItemId, eventId } = attendance;
    if (!user || !actsAs(user, 'enterprise'))
      throw LiveError.LIVE_INTENT_ENTERPRISE_ONLY({ sessionId });
    const item = agendaItemId
      ? await this.tx.repository(AgendaItem).findOneBy({ id: agendaItemId })
      : null;
    if (!item?.resultId) throw LiveError.LIVE_INTENT_NO_RESULT({ sessionId });
    const organization = await organizationNameOf(this.tx, user.id);
    return this.intents.createIntent(user, {
      enterpriseName: input.enterpriseName ?? organization ?? user.name,
      resultId: item.resultId,
      eventId,
      note: input.note ?? `直播中表达意向 / From the live stream: ${item.title}`,
      shareMyContacts: input.shareMyContacts,
    });
  }

  private async moveQuestion(
    attendance: Attendance,
    questionId: string,
    to: QuestionStatus,
    changes: Partial<LiveQuestion>,
  ): Promise<LiveQuestionDto> {
    const repo = this.tx.repository(LiveQuestion);
    const question = await repo.findOneBy({ id: questionId, sessionId: attendance.sessionId });
    if (!question) throw LiveError.LIVE_QUESTION_NOT_FOUND({ id: questionId });
    QUESTION_LIFECYCLE.assertMove(question.status, to);
    // Conditional on the state we checked: two moderators cannot both move it.
    const result = await repo.update(
      { id: questionId, status: question.status },
      { ...changes, status: to },
    );
    if (result.affected !== 1) throw QUESTION_LIFECYCLE.refusal(question.status, to);
    const dto = toQuestionDto(await repo.findOneByOrFail({ id: questionId }));
    await this.broadcast.tell(attendance.sessionId, 'everyone', 'question', dto);
    return dto;
  }
}

/** A signed-in person speaks under their account's name; a guest under theirs, marked as a guest. */
export function displayName(user: AuthUser | undefined, given: string | undefined): string {
  if (user) return user.name;
  const guest = guestDisplayName(given);
  if ('refused' in guest)
    throw LiveError.LIVE_GUEST_NAME_REFUSED({ reason: guest.refused }).onField('name');
  return guest.name;
}

function toQuestionDto(q: LiveQuestion): LiveQuestionDto {
  return {
    id: q.id,
    sessionId: q.sessionId,
    askerName: q.askerName,
    text: q.text,
    status: q.status,
    answer: q.answer ?? null,
    askedAt: q.askedAt,
    answeredAt: q.answeredAt ?? null,
  };
}

function toChatMessageDto(message: LiveChatMessage): ChatMessageDto {
  return {
    id: message.id,
    sessionId: message.sessionId,
    name: message.name,
    text: message.text,
    sentAt: message.sentAt,
  };
}
