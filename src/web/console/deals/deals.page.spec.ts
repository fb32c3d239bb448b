import { DealDto, IntentDto } from 'src/deals/dto/deals.dto';
import { boardColumns, historyLine, nextStages } from 'src/web/console/deals/deals.page';

const now = new Date('2026-12-06T08:00:00Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * 24 * 3600_000);

const intent = (fields: Partial<IntentDto>): IntentDto =>
  ({
    id: 'i1',
    enterpriseName: '成都芯联传感科技有限公司',
    resultId: 'r1',
    eventId: 'e1',
    stage: 'negotiating',
    lastContactAt: daysAgo(1),
    ...fields,
  }) as IntentDto;

const deal = (fields: Partial<DealDto>): DealDto =>
  ({
    id: 'd1',
    intentId: null,
    eventId: 'e1',
    resultId: null,
    stage: 'signed',
    contractValueFen: 5_300_000_000,
    lastContactAt: daysAgo(40),
    ...fields,
  }) as DealDto;

describe('the deals board and a deal’s page', () => {
  const titles = {
    events: new Map([['e1', '校企双进·电子信息专场']]),
    results: new Map([['r1', '柔性压力传感器']]),
  };
  const reading = { locale: 'zh-CN' as const, staleDays: 30, now };

  it('puts intents and deals in their stage’s column, a signed intent only as its deal', () => {
    const columns = boardColumns(
      [intent({}), intent({ id: 'i2', stage: 'contacted' })],
      [deal({ intentId: 'i2' })],
      titles,
      reading,
    );
    const column = (stage: string) => columns.find((c) => c.stage === stage)!;
    expect(columns.map((c) => c.stage)).toEqual([
      'intent',
      'contacted',
      'negotiating',
      'signed',
      'landed',
      'dropped',
    ]);
    expect(column('contacted').count).toBe(0);
    expect(column('negotiating').intents).toMatchObject([
      {
        id: 'i1',
        resultTitle: '柔性压力传感器',
        eventTitle: '校企双进·电子信息专场',
        stale: false,
        signable: true,
        moves: ['dropped'],
      },
    ]);
    expect(column('signed').deals).toMatchObject([
      { id: 'd1', value: '5300万元', stale: true, moves: ['landed', 'dropped'] },
    ]);
  });

  it('offers every next stage but signing, which has its own form', () => {
    expect(nextStages('negotiating', true)).toEqual(['dropped']);
    expect(nextStages('negotiating', false)).toEqual(['signed', 'dropped']);
    expect(nextStages('landed', false)).toEqual([]);
  });

  it('reads a history line’s stages, note and check-in', () => {
    const at = new Date();
    expect(
      historyLine({
        action: 'stage',
        actorId: 'u1',
        at,
        before: { stage: 'signed' },
        after: { stage: 'landed' },
        reason: null,
      }),
    ).toMatchObject({ action: 'stage', from: 'signed', to: 'landed', note: undefined });
    expect(
      historyLine({
        action: 'check_in_6',
        actorId: 'u1',
        at,
        before: null,
        after: { note: '已投产' },
        reason: null,
      }),
    ).toMatchObject({ action: 'check_in', note: '已投产' });
  });
});
