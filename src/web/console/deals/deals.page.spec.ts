import { AuditEntryDto } from 'src/audit/dto/audit-entry.dto';
import { DealDto, IntentDto, TaskDto } from 'src/deals/dto/deals.dto';
import {
  blankDeal,
  boardColumns,
  boardPage,
  checkInInput,
  dealInput,
  dealNewPage,
  dealPage,
  doneNotice,
  historyLine,
  inWan,
  moveInput,
  movedFromDeal,
  registrationInput,
  nextStages,
  refusedMove,
  taskInput,
} from 'src/web/console/deals/deals.page';

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

  it('shows the board, and a refused move on its card', () => {
    const refusal = {
      problem: '未能保存',
      fields: { reason: '请说明原因' },
      details: [],
      status: 400,
    };
    const typed = { stage: 'dropped', reason: '' };
    const page = boardPage([intent({})], [], titles, reading, refusedMove('i1', typed, refusal));
    expect(page).toMatchObject({
      staleDays: 30,
      moveForm: { id: 'i1', form: typed, fields: { reason: '请说明原因' }, status: 400 },
    });
    expect(page.columns).toHaveLength(6);
  });

  it('shows a deal’s page: its title, contacts from the history, due tasks, check-ins', () => {
    const entry = (action: string, after: Record<string, unknown>): AuditEntryDto => ({
      action,
      actorId: 'u1',
      at: now,
      before: null,
      after,
      reason: null,
    });
    const task = (fields: Partial<TaskDto>) =>
      ({ id: 't1', title: '回访', dueOn: '2026-12-06', doneAt: null, ...fields }) as TaskDto;
    const page = dealPage(
      {
        deal: deal({ enterpriseName: '芯联传感', institutionName: '西南理工大学' }),
        history: [entry('contacted', { note: '电话回访' }), entry('stage', { stage: 'signed' })],
        checkIns: [
          {
            months: 3,
            landed: true,
            receivedFen: 30_000_000,
            outputValueFen: 0,
            note: '',
            recordedBy: 'u1',
            recordedAt: now,
          },
        ],
        tasks: [
          task({}),
          task({ id: 't2', dueOn: '2026-12-07' }),
          task({ id: 't3', dueOn: '2026-12-01', doneAt: now }),
        ],
      },
      titles,
      { ...reading, today: '2026-12-06' },
      { done: 'contacted' },
    );
    expect(page).toMatchObject({
      title: '芯联传感 × 西南理工大学',
      deal: { value: '5300万元', eventTitle: '校企双进·电子信息专场' },
      contacts: [{ action: 'contacted' }],
      checkIns: [{ months: 3, received: '30万元' }],
      months: [3, 6, 12],
      today: '2026-12-06',
      done: 'contacted',
    });
    expect(page.tasks.map((t) => [t.id, t.due])).toEqual([
      ['t1', true],
      ['t2', false],
      ['t3', false],
    ]);
  });

  it('shows the contract’s registration and agreed investment, and its form as it stands or as refused', () => {
    const records = { history: [], checkIns: [], tasks: [] };
    const reading2 = { ...reading, today: '2026-12-06' };
    const registered = dealPage(
      {
        ...records,
        deal: deal({
          investmentFen: 50_000_000_000,
          contractCategory: 'license',
          registration: {
            category: 'license',
            registrationNumber: '2025510107000088',
            registeredAmountFen: 1_500_000_000,
            registeredOn: '2026-03-01',
          },
        }),
      },
      titles,
      reading2,
    );
    expect(registered).toMatchObject({
      investment: '5亿元',
      registration: {
        category: 'license',
        number: '2025510107000088',
        amount: '1500万元',
        on: '2026-03-01',
      },
      categories: ['development', 'transfer', 'license', 'consulting', 'service'],
      registrationForm: {
        category: 'license',
        registrationNumber: '2025510107000088',
        registeredAmountWan: '1500',
        registeredOn: '2026-03-01',
      },
    });
    const blank = dealPage(
      {
        ...records,
        deal: deal({ investmentFen: null, contractCategory: 'development', registration: null }),
      },
      titles,
      reading2,
      {
        refused: {
          registration: { form: { registrationNumber: 'X', registeredAmountWan: '5万' } },
        },
      },
    );
    expect(blank.registration).toBeUndefined();
    expect(blank.investment).toBeUndefined();
    expect(blank.registrationForm).toEqual({ registrationNumber: 'X', registeredAmountWan: '5万' });
    expect(registrationInput({ category: 'transfer', registeredAmountWan: '500' })).toEqual({
      category: 'transfer',
      registeredAmountFen: 500_000_000,
    });
  });

  it('starts a new deal from its intent, or blank', () => {
    expect(blankDeal(intent({}), '2026-12-06')).toEqual({
      enterpriseName: '成都芯联传感科技有限公司',
      signedOn: '2026-12-06',
      type: 'transfer',
      eventId: 'e1',
    });
    expect(blankDeal(undefined, '2026-12-06')).toMatchObject({ enterpriseName: '', eventId: '' });
    const page = dealNewPage(intent({}), titles, [{ id: 'e1', title: '专场' }], {});
    expect(page.intent).toMatchObject({ id: 'i1', resultTitle: '柔性压力传感器' });
    expect(page.types).toContain('transfer');
    expect(dealNewPage(undefined, titles, [], {}).intent).toBeUndefined();
  });

  it('reads the forms as the API’s DTOs take them, every amount typed in 万元', () => {
    expect(
      dealInput({ intentId: 'i1', enterpriseName: '芯联', contractValueWan: '1,200' }),
    ).toEqual({ enterpriseName: '芯联', contractValueFen: 1_200_000_000, atCeremony: false });
    expect(
      dealInput({ contractValueWan: '0.1', investmentWan: '21550', contractCategory: '' }),
    ).toEqual({ contractValueFen: 100_000, investmentFen: 21_550_000_000, atCeremony: false });
    expect(
      checkInInput({ months: '6', landed: 'true', receivedWan: '30', checkInNote: '已投产' }),
    ).toEqual({ months: 6, landed: true, receivedFen: 30_000_000, note: '已投产' });
    expect(taskInput({ title: '回访' }, deal({ ownerId: null }), 'u9')).toEqual({
      title: '回访',
      dealId: 'd1',
      ownerId: 'u9',
    });
    expect(moveInput({ stage: 'landed', reason: '', back: 'deal' })).toEqual({
      stage: 'landed',
      reason: '',
    });
    expect(movedFromDeal({ back: 'deal' })).toBe(true);
    expect(movedFromDeal({})).toBe(false);
  });

  it('tells a refused amount beside its box in 万元, and announces only its own notices', () => {
    const refusal = {
      problem: '未能保存',
      fields: { receivedFen: 'must be an integer', note: 'too long' },
      details: [],
      status: 400,
    };
    const amounts = { receivedWan: 'receivedFen', outputValueWan: 'outputValueFen' };
    expect(inWan(refusal, amounts, '请以万元填写金额').fields).toEqual({
      receivedWan: '请以万元填写金额',
      note: 'too long',
    });
    expect(refusal.fields.receivedFen).toBe('must be an integer');
    expect(doneNotice('moved')).toBe('moved');
    expect(doneNotice('<script>')).toBeUndefined();
  });
});
