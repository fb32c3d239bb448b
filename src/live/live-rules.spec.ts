import {
  Admission,
  GUEST_MARK,
  LiveStanding,
  UNNAMED_GUEST,
  admitViewer,
  guestDisplayName,
  mayProduce,
  placeViewer,
} from 'src/live/live-rules';
import { QUESTION_LIFECYCLE, QUESTION_STATUSES } from 'src/live/question-status';
import { EventKind, Visibility } from 'src/events/event-kinds';

const nobody: LiveStanding = {
  signedIn: false,
  manages: false,
  presents: false,
  invited: false,
  registered: false,
};
const guest = nobody;
const member = { ...nobody, signedIn: true };
const invitee = { ...member, invited: true };
const registrant = { ...member, registered: true };
const organizer = { ...member, manages: true };
const presenter = { ...member, presents: true };

describe('who may watch', () => {
  const cases: [Visibility, EventKind, LiveStanding, Admission][] = [
    ['public', 'cloud_docking', guest, 'admitted'],
    ['public', 'roadshow', guest, 'sign_in_first'],
    ['public', 'roadshow', member, 'admitted'],
    ['invite_only', 'cloud_docking', guest, 'sign_in_first'],
    ['invite_only', 'cloud_docking', member, 'not_invited'],
    ['invite_only', 'cloud_docking', invitee, 'admitted'],
    ['invite_only', 'roadshow', registrant, 'admitted'],
    ['closed_door', 'precise_docking', guest, 'not_found'],
    ['closed_door', 'precise_docking', member, 'not_found'],
    ['closed_door', 'precise_docking', invitee, 'admitted'],
    ['closed_door', 'precise_docking', registrant, 'admitted'],
    ['closed_door', 'precise_docking', organizer, 'admitted'],
    ['closed_door', 'precise_docking', presenter, 'admitted'],
    ['invite_only', 'roadshow', organizer, 'admitted'],
  ];
  it.each(cases)('%s %s event, %o → %s', (visibility, kind, who, expected) => {
    expect(admitViewer({ visibility, kind }, who)).toBe(expected);
  });
});

describe('who may send media', () => {
  it.each([
    [organizer, true],
    [presenter, true],
    [invitee, false],
    [member, false],
    [guest, false],
  ])('%o → %s', (who, expected) => {
    expect(mayProduce(who)).toBe(expected);
  });
});

describe('question transitions', () => {
  const allowed = [
    ['pending', 'approved'],
    ['pending', 'rejected'],
    ['approved', 'answered'],
    ['approved', 'rejected'],
  ];
  const pairs = QUESTION_STATUSES.flatMap((from) =>
    QUESTION_STATUSES.map((to) => [from, to] as const),
  );
  it.each(pairs)('%s → %s', (from, to) => {
    expect(QUESTION_LIFECYCLE.can(from, to)).toBe(allowed.some(([f, t]) => f === from && t === to));
  });
});

describe('placing a viewer', () => {
  const workers = [
    { workerId: 'w1', consumers: 8 },
    { workerId: 'w2', consumers: 3 },
    { workerId: 'w3', consumers: 1 },
  ];
  it('joins the session router whose worker has most room', () => {
    const routers = [
      { routerId: 'r1', workerId: 'w1', workerConsumers: 8 },
      { routerId: 'r2', workerId: 'w2', workerConsumers: 3 },
    ];
    expect(placeViewer(routers, workers, 10, 2)).toEqual({ kind: 'router', routerId: 'r2' });
  });
  it('pipes to the least loaded unused worker when every router of the session is full', () => {
    const routers = [{ routerId: 'r1', workerId: 'w1', workerConsumers: 9 }];
    expect(placeViewer(routers, workers, 10, 2)).toEqual({ kind: 'pipe', workerId: 'w3' });
  });
  it('takes a router exactly at the budget, not past it', () => {
    const routers = [{ routerId: 'r1', workerId: 'w1', workerConsumers: 8 }];
    expect(placeViewer(routers, workers, 10, 2)).toEqual({ kind: 'router', routerId: 'r1' });
    expect(placeViewer(routers, workers, 9, 2)).toEqual({ kind: 'pipe', workerId: 'w3' });
  });
  it('is full when no worker has room', () => {
    const routers = [{ routerId: 'r1', workerId: 'w1', workerConsumers: 8 }];
    const busy = workers.map((w) => ({ ...w, consumers: 9 }));
    expect(placeViewer(routers, busy, 9, 2)).toEqual({ kind: 'full' });
  });
});

describe('guest names', () => {
  it('marks every guest as a guest', () => {
    expect(guestDisplayName('赵工')).toEqual({ name: `赵工${GUEST_MARK}` });
    expect(guestDisplayName('  Jane Doe ')).toEqual({ name: `Jane Doe${GUEST_MARK}` });
    expect(guestDisplayName(undefined)).toEqual({ name: UNNAMED_GUEST });
    expect(guestDisplayName('   ')).toEqual({ name: UNNAMED_GUEST });
  });

  it('refuses names that pass for the mark, a role on stage, or are too long', () => {
    for (const name of [
      '赵工（访客 / guest）',
      '王教授（主讲）',
      '主持人',
      '官方客服',
      'Organizer Li',
      'MODERATOR',
      'the host',
      'Ｇｕｅｓｔ', // full-width letters read as the same word
      '张三 (expert)',
      '【平台】通知',
    ])
      expect(guestDisplayName(name)).toEqual({ refused: 'impersonating' });
    expect(guestDisplayName('一'.repeat(21))).toEqual({ refused: 'too_long' });
    expect(guestDisplayName('一'.repeat(20))).toEqual({ name: `${'一'.repeat(20)}${GUEST_MARK}` });
  });
});
