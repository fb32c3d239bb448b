import { actsAs } from 'src/access/policy';
import { AgendaItemDto } from 'src/agenda/dto/agenda.dto';
import { AuthUser } from 'src/common/auth/auth-user';
import { EventDto } from 'src/events/dto/event.dto';
import { HEARTBEAT_MS } from 'src/live/audience';
import { LiveQuestionDto, LiveSessionDto } from 'src/live/dto/live.dto';

/** What the live page knows server-side, from the services' answers (pure: tested without a browser). */
export interface LivePage {
  title: string;
  /** The player's script, while the session is on air. */
  scripts: string[];
  session: LiveSessionDto;
  event: EventDto;
  /** The agenda item on the stage, when the session has one (and the agenda is published). */
  item: AgendaItemDto | undefined;
  /** The questions everyone may read: approved, or answered. */
  questions: LiveQuestionDto[];
  /** Whether to offer the "I am interested" button. */
  intent: boolean;
  heartbeatMs: number;
}

export function livePage(
  session: LiveSessionDto,
  event: EventDto,
  agenda: AgendaItemDto[],
  questions: LiveQuestionDto[],
  user: AuthUser | undefined,
): LivePage {
  const item = agenda.find((i) => i.id === session.agendaItemId);
  return {
    title: item ? `${item.title} · ${event.title}` : event.title,
    scripts: session.status === 'live' ? ['live'] : [],
    session,
    event,
    item,
    questions: questions.filter((q) => q.status === 'approved' || q.status === 'answered'),
    // The button is offered where the service may record it: an enterprise, a presented result.
    intent: actsAs(user, 'enterprise') && !!item?.resultId,
    heartbeatMs: HEARTBEAT_MS,
  };
}
