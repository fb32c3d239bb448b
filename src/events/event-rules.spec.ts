import {
  copiedDetails,
  draftAgendaShift,
  holdsInviteesSeatsByDefault,
  inviteeSeatHeldUntil,
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

describe('invitees’ kept seats', () => {
  it('are kept by default only where an invitation is needed', () => {
    expect(
      (['public', 'invite_only', 'closed_door'] as const).map(holdsInviteesSeatsByDefault),
    ).toEqual([false, true, true]);
  });

  const now = new Date('2027-01-01T00:00:00Z');
  it.each([
    ['the hold days when the event is far', null, '2027-03-01T00:00:00Z', '2027-01-08T00:00:00Z'],
    [
      'registration’s close when sooner',
      '2027-01-03T00:00:00Z',
      '2027-03-01T00:00:00Z',
      '2027-01-03T00:00:00Z',
    ],
    ['the start when sooner', null, '2027-01-02T00:00:00Z', '2027-01-02T00:00:00Z'],
    ['nothing once registration has closed', '2026-12-31T00:00:00Z', '2027-03-01T00:00:00Z', null],
  ])('ends at %s', (_, closes, starts, expected) => {
    const ends = inviteeSeatHeldUntil(now, 7, {
      startsAt: at(starts),
      registrationClosesAt: closes ? at(closes) : null,
    });
    expect(ends?.toISOString() ?? null).toEqual(expected ? at(expected).toISOString() : null);
  });
});

describe('a copied event', () => {
  const times = {
    startsAt: new Date('2027-01-20T06:00:00Z'),
    endsAt: new Date('2027-01-20T09:00:00Z'),
    registrationOpensAt: null,
    registrationClosesAt: new Date('2027-01-19T10:00:00Z'),
  };

  it('moves every time by the new start’s distance, keeping the length and the registration window', () => {
    const week = 7 * 24 * 3600 * 1000;
    const copied = copiedDetails(
      {
        seriesId: null,
        organizationId: 'o',
        kind: 'salon',
        format: 'offline',
        visibility: 'public',
        title: '沙龙',
        ...times,
      },
      week,
    );
    expect(copied).toMatchObject({
      startsAt: new Date('2027-01-27T06:00:00Z'),
      endsAt: new Date('2027-01-27T09:00:00Z'),
      registrationOpensAt: null,
      registrationClosesAt: new Date('2027-01-26T10:00:00Z'),
    });
  });

  it('moves a draft’s agenda with its start only while the agenda was never published', () => {
    const start = new Date('2027-01-20T06:00:00Z');
    const later = new Date('2027-01-20T07:00:00Z');
    const draft = { status: 'draft' as const, agendaPublishedAt: null, startsAt: start };
    expect(draftAgendaShift(draft, later)).toBe(3600_000);
    expect(draftAgendaShift(draft, undefined)).toBe(0);
    expect(draftAgendaShift({ ...draft, agendaPublishedAt: start }, later)).toBe(0);
    expect(draftAgendaShift({ ...draft, status: 'published' }, later)).toBe(0);
  });

  it('keeps the details and settings, marks the title, and leaves status, ids and history behind', () => {
    const copied = copiedDetails({
      id: 'e1',
      seriesId: 's1',
      organizationId: 'o1',
      kind: 'salon',
      format: 'offline',
      visibility: 'invite_only',
      title: '政产学研金服用对接沙龙',
      status: 'concluded',
      capacity: 40,
      invitationsHoldSeats: true,
      agendaPublishedAt: new Date(),
      backfillId: 'b1',
      ...times,
    });
    expect(copied).toMatchObject({
      seriesId: 's1',
      kind: 'salon',
      capacity: 40,
      invitationsHoldSeats: true,
      title: '政产学研金服用对接沙龙（副本）',
    });
    for (const left of ['id', 'status', 'agendaPublishedAt', 'backfillId'])
      expect(copied).not.toHaveProperty(left);
    expect(
      copiedDetails({
        ...copied,
        kind: 'salon',
        format: 'offline',
        visibility: 'public',
        organizationId: 'o',
        seriesId: null,
        title: '长'.repeat(200),
        ...times,
      }).title,
    ).toHaveLength(194);
  });
});
