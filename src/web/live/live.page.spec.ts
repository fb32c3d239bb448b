import { AgendaItemDto } from 'src/agenda/dto/agenda.dto';
import { AuthUser } from 'src/common/auth/auth-user';
import { EventDto } from 'src/events/dto/event.dto';
import { HEARTBEAT_MS } from 'src/live/audience';
import { LiveQuestionDto, LiveSessionDto } from 'src/live/dto/live.dto';
import { livePage } from 'src/web/live/live.page';

const event = { id: 'e1', title: '校企双进·新材料专场' } as EventDto;
const item = { id: 'a1', title: '高性能硅碳负极材料', resultId: 'r1' } as AgendaItemDto;
const session = (fields: Partial<LiveSessionDto>) =>
  ({ id: 's1', eventId: 'e1', agendaItemId: 'a1', status: 'live', ...fields }) as LiveSessionDto;
const question = (id: string, status: LiveQuestionDto['status']) =>
  ({ id, status }) as LiveQuestionDto;
const enterprise = { id: 'u1', roles: ['enterprise'] } as unknown as AuthUser;

describe('the live page', () => {
  it('names the item on the stage, plays while on air, and shows only the questions everyone may read', () => {
    const questions = [
      question('q1', 'approved'),
      question('q2', 'pending'),
      question('q3', 'answered'),
    ];
    const page = livePage(session({}), event, [item], questions, undefined);
    expect(page).toMatchObject({
      title: '高性能硅碳负极材料 · 校企双进·新材料专场',
      scripts: ['live'],
      item,
      intent: false,
      heartbeatMs: HEARTBEAT_MS,
    });
    expect(page.questions.map((q) => q.id)).toEqual(['q1', 'q3']);
  });

  it('offers an enterprise the intent for a presented result', () => {
    expect(livePage(session({}), event, [item], [], enterprise).intent).toBe(true);
    const talk = { ...item, resultId: null };
    expect(livePage(session({}), event, [talk], [], enterprise).intent).toBe(false);
  });

  it('is titled by the event when the session has no item (or the agenda is not published), and ends without the player', () => {
    const page = livePage(session({ status: 'ended' }), event, [], [], enterprise);
    expect(page).toMatchObject({
      title: '校企双进·新材料专场',
      scripts: [],
      item: undefined,
      intent: false,
    });
  });
});
