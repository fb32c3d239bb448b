import { formatDateTime } from 'src/common/time';
import { RegistrationQuestion } from 'src/events/event-kinds';
import { Sector } from 'src/events/sectors';
import { Answers } from 'src/registrations/registration-rules';
import { RegistrationStatus } from 'src/registrations/registration-status';

const SECTOR_LABELS: Record<Sector, string> = {
  government: '政 government',
  industry: '产 industry',
  academia: '学 academia',
  research: '研 research',
  finance: '金 finance',
  services: '服 services',
  users: '用 users',
};

const STATUS_LABELS: Record<RegistrationStatus, string> = {
  pending: '待审核 pending',
  waitlisted: '候补 waitlisted',
  confirmed: '已确认 confirmed',
  rejected: '未通过 rejected',
  cancelled: '已取消 cancelled',
};

export interface RegistrantRow {
  name: string;
  email: string | null;
  mobile: string | null;
  organizationName: string | null;
  sector: Sector;
  status: RegistrationStatus;
  waitlistPosition: number | null;
  answers: Answers;
  createdAt: Date;
  checkedInAt: Date | null;
}

/** The registrant list as people read it: a header row, then one row per registrant, in full. */
export function registrantTable(
  rows: readonly RegistrantRow[],
  questions: readonly RegistrationQuestion[],
  timeZone: string,
): string[][] {
  const time = (date: Date | null) => (date ? formatDateTime(date, timeZone, 'zh-CN') : '');
  const header = [
    '序号 No.',
    '姓名 Name',
    '邮箱 E-mail',
    '手机 Mobile',
    '单位 Organization',
    '界别 Sector',
    '状态 Status',
    '候补位次 Waitlist',
    '报名时间 Registered',
    '签到时间 Checked in',
    ...questions.map((q) => q.label),
  ];
  return [
    header,
    ...rows.map((r, i) => [
      String(i + 1),
      r.name,
      r.email ?? '',
      r.mobile ?? '',
      r.organizationName ?? '',
      SECTOR_LABELS[r.sector],
      STATUS_LABELS[r.status],
      r.waitlistPosition === null ? '' : String(r.waitlistPosition),
      time(r.createdAt),
      time(r.checkedInAt),
      ...questions.map((q) => {
        const answer = r.answers[q.id];
        return Array.isArray(answer) ? answer.join('、') : (answer ?? '');
      }),
    ]),
  ];
}
