import {
  isEditable,
  publishProblems,
  questionProblems,
  scheduleProblems,
} from 'src/events/event-rules';
import { EVENT_STATUSES } from 'src/events/event-status';

const at = (iso: string) => new Date(iso);
const base = {
  startsAt: at('2026-12-18T06:00:00Z'),
  endsAt: at('2026-12-18T09:00:00Z'),
  registrationOpensAt: null,
  registrationClosesAt: null,
};

describe('scheduleProblems', () => {
  it.each([
    ['a valid schedule', {}, []],
    ['an end before the start', { endsAt: at('2026-12-18T05:00:00Z') }, ['endsAt']],
    ['an end equal to the start', { endsAt: base.startsAt }, ['endsAt']],
    [
      'registration closing before it opens',
      {
        registrationOpensAt: at('2026-12-10T00:00:00Z'),
        registrationClosesAt: at('2026-12-01T00:00:00Z'),
      },
      ['registrationClosesAt'],
    ],
    [
      'registration closing after the end',
      { registrationClosesAt: at('2026-12-19T00:00:00Z') },
      ['registrationClosesAt'],
    ],
    ['registration closing at the start', { registrationClosesAt: base.startsAt }, []],
  ])('%s', (_, change, fields) => {
    expect(scheduleProblems({ ...base, ...change }).map((p) => p.field)).toEqual(fields);
  });
});

describe('questionProblems', () => {
  it('refuses duplicate ids and choices without options', () => {
    const problems = questionProblems([
      {
        id: 'size',
        label: '企业规模',
        kind: 'single_choice',
        options: ['小', '中', '大'],
        required: true,
      },
      { id: 'size', label: '重复', kind: 'text', options: [], required: false },
      {
        id: 'topics',
        label: '关注方向',
        kind: 'multiple_choice',
        options: ['一个'],
        required: false,
      },
    ]);
    expect(problems.map((p) => p.field)).toEqual(['questions.1.id', 'questions.2.options']);
  });
});

describe('publishProblems', () => {
  it.each([
    ['offline', null, ['venueAddress']],
    ['hybrid', null, ['venueAddress']],
    ['online', null, []],
    ['offline', '成都市高新区天府大道', []],
  ] as const)('%s at %s', (format, venueAddress, fields) => {
    expect(publishProblems({ format, venueAddress }).map((p) => p.field)).toEqual(fields);
  });
});

describe('isEditable', () => {
  it('is false for history only', () => {
    expect(EVENT_STATUSES.filter(isEditable)).toEqual([
      'draft',
      'published',
      'registration_open',
      'registration_closed',
      'live',
    ]);
  });
});
