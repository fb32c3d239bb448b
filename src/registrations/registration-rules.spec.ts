import { RegistrationQuestion } from 'src/events/event-kinds';
import {
  answerProblems,
  holdEndsAt,
  holdsUntilConfirmed,
  registrationRefusal,
} from 'src/registrations/registration-rules';

const now = new Date('2026-12-01T00:00:00Z');
const open = {
  status: 'registration_open' as const,
  visibility: 'public' as const,
  registrationOpensAt: null,
  registrationClosesAt: null,
};

describe('registrationRefusal', () => {
  it.each([
    ['an open public event', open, undefined],
    ['a draft', { ...open, status: 'draft' as const }, 'REGISTRATION_CLOSED'],
    [
      'a published event not yet open',
      { ...open, status: 'published' as const },
      'REGISTRATION_CLOSED',
    ],
    ['a cancelled event', { ...open, status: 'cancelled' as const }, 'REGISTRATION_CLOSED'],
    [
      'a closed registration',
      { ...open, status: 'registration_closed' as const },
      'REGISTRATION_CLOSED',
    ],
    [
      'before the window',
      { ...open, registrationOpensAt: new Date('2026-12-02T00:00:00Z') },
      'REGISTRATION_CLOSED',
    ],
    ['at the window’s close', { ...open, registrationClosesAt: now }, 'REGISTRATION_CLOSED'],
    [
      'inside the window',
      {
        ...open,
        registrationOpensAt: new Date('2026-11-01T00:00:00Z'),
        registrationClosesAt: new Date('2026-12-02T00:00:00Z'),
      },
      undefined,
    ],
    [
      'an invite-only event',
      { ...open, visibility: 'invite_only' as const },
      'REGISTRATION_INVITATION_REQUIRED',
    ],
  ])('%s', (_, event, code) => {
    expect(registrationRefusal(event, now)?.code).toBe(code);
  });

  it('admits invitees to invitation-only and closed-door events, within the same window', () => {
    expect(registrationRefusal({ ...open, visibility: 'invite_only' }, now, true)).toBeUndefined();
    expect(registrationRefusal({ ...open, visibility: 'closed_door' }, now, true)).toBeUndefined();
    expect(
      registrationRefusal(
        { ...open, visibility: 'closed_door', status: 'registration_closed' },
        now,
        true,
      )?.code,
    ).toBe('REGISTRATION_CLOSED');
  });
});

describe('answerProblems', () => {
  const questions: RegistrationQuestion[] = [
    {
      id: 'size',
      label: '企业规模',
      kind: 'single_choice',
      options: ['小', '中', '大'],
      required: true,
    },
    {
      id: 'topics',
      label: '关注方向',
      kind: 'multiple_choice',
      options: ['传感器', '电池', '轴承'],
      required: false,
    },
    { id: 'note', label: '备注', kind: 'text', options: [], required: false },
  ];

  it.each([
    [{ size: '中' }, []],
    [{ size: '中', topics: ['传感器', '电池'], note: '希望对接高校实验室' }, []],
    [{}, ['answers.size']],
    [{ size: '' }, ['answers.size']],
    [{ size: '巨大' }, ['answers.size']],
    [{ size: ['中'] }, ['answers.size']],
    [{ size: '中', topics: '传感器' }, ['answers.topics']],
    [{ size: '中', topics: ['飞机'] }, ['answers.topics']],
    [{ size: '中', note: 'x'.repeat(2001) }, ['answers.note']],
    [{ size: '中', extra: '1' }, ['answers.extra']],
  ])('%j → %j', (answers, fields) => {
    expect(answerProblems(questions, answers).map((p) => p.field)).toEqual(fields);
  });
});

describe('holdsUntilConfirmed', () => {
  const asking = { guestsConfirm: true, visibility: 'public' as const };
  it.each([
    [asking, null, true],
    [asking, 'a-user', false],
    [{ ...asking, guestsConfirm: false }, null, false],
    [{ ...asking, visibility: 'invite_only' as const }, null, false],
  ])('%o with user %p holds: %p', (event, userId, held) => {
    expect(holdsUntilConfirmed(event, { userId })).toBe(held);
  });

  it('ends a hold its minutes later', () => {
    expect(holdEndsAt(new Date('2027-01-01T00:00:00Z'), 30)).toEqual(
      new Date('2027-01-01T00:30:00Z'),
    );
  });
});
