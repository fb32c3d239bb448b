import { MyIntentDto } from 'src/personal-data/dto/sharing.dto';
import { intentRows } from 'src/web/portals/intents.page';

const party = (name: string, shared: boolean) => ({
  userId: name,
  name,
  organization: `${name}的单位`,
  contactsShared: shared,
  email: shared ? `${name}@example.cn` : null,
  mobile: null,
});

describe('the portals’ intents', () => {
  const intent = (role: 'author' | 'expert'): MyIntentDto => ({
    intentId: 'i1',
    enterpriseName: '天府创投',
    resultTitle: '固态电解质',
    note: '',
    createdAt: new Date('2027-01-20T06:00:00Z'),
    author: party('钱总', true),
    expert: party('陈教授', false),
    role,
  });

  it('shows the expert the author, and whether the expert shares their own contacts', () => {
    const [row] = intentRows([intent('expert')], 'expert');
    expect(row).toMatchObject({
      other: { name: '钱总', email: '钱总@example.cn' },
      sharing: false,
      action: '/expert/intents/i1/share',
    });
  });

  it('shows the author the expert, contacts hidden until the expert consents', () => {
    const [row] = intentRows([intent('author')], 'enterprise');
    expect(row).toMatchObject({ other: { name: '陈教授', email: null }, sharing: true });
  });
});
