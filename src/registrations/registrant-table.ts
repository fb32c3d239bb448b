import { Cell, ExportColumn, exportRows, localMoment } from 'src/common/export-table';
import { Locale } from 'src/config/config';
import { RegistrationQuestion } from 'src/events/event-kinds';
import { Sector } from 'src/events/sectors';
import { Answers } from 'src/registrations/registration-rules';
import { RegistrationStatus } from 'src/registrations/registration-status';

const SECTOR_LABELS: Record<Sector, Record<Locale, string>> = {
  government: { 'zh-CN': '政', en: 'government' },
  industry: { 'zh-CN': '产', en: 'industry' },
  academia: { 'zh-CN': '学', en: 'academia' },
  research: { 'zh-CN': '研', en: 'research' },
  finance: { 'zh-CN': '金', en: 'finance' },
  services: { 'zh-CN': '服', en: 'services' },
  users: { 'zh-CN': '用', en: 'users' },
};

const STATUS_LABELS: Record<RegistrationStatus, Record<Locale, string>> = {
  pending: { 'zh-CN': '待审核', en: 'pending' },
  waitlisted: { 'zh-CN': '候补', en: 'waitlisted' },
  held: { 'zh-CN': '保留待确认', en: 'held' },
  confirmed: { 'zh-CN': '已确认', en: 'confirmed' },
  rejected: { 'zh-CN': '未通过', en: 'rejected' },
  cancelled: { 'zh-CN': '已取消', en: 'cancelled' },
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

/**
 * The registrant list as people read it, in one language (`locale`): a header row, then one row
 * per registrant in full; its number and waitlist place as numbers, its times as date cells in the
 * event's zone.
 */
export function registrantTable(
  rows: readonly RegistrantRow[],
  questions: readonly RegistrationQuestion[],
  timeZone: string,
  locale: Locale,
): Cell[][] {
  const columns: ExportColumn<RegistrantRow & { number: number }>[] = [
    { header: { 'zh-CN': '序号', en: 'No.' }, value: (r) => r.number },
    { header: { 'zh-CN': '姓名', en: 'Name' }, value: (r) => r.name },
    { header: { 'zh-CN': '邮箱', en: 'E-mail' }, value: (r) => r.email },
    { header: { 'zh-CN': '手机', en: 'Mobile' }, value: (r) => r.mobile },
    { header: { 'zh-CN': '单位', en: 'Organization' }, value: (r) => r.organizationName },
    { header: { 'zh-CN': '界别', en: 'Sector' }, value: (r) => SECTOR_LABELS[r.sector][locale] },
    { header: { 'zh-CN': '状态', en: 'Status' }, value: (r) => STATUS_LABELS[r.status][locale] },
    { header: { 'zh-CN': '候补位次', en: 'Waitlist place' }, value: (r) => r.waitlistPosition },
    {
      header: { 'zh-CN': '报名时间', en: 'Registered' },
      value: (r) => localMoment(r.createdAt, timeZone),
    },
    {
      header: { 'zh-CN': '签到时间', en: 'Checked in' },
      value: (r) => localMoment(r.checkedInAt, timeZone),
    },
    ...questions.map((q): ExportColumn<RegistrantRow> => ({
      // The organizer's own question, as they wrote it.
      header: { 'zh-CN': q.label, en: q.label },
      value: (r) => {
        const answer = r.answers[q.id];
        return Array.isArray(answer) ? answer.join('、') : (answer ?? null);
      },
    })),
  ];
  return exportRows(
    columns,
    rows.map((r, i) => ({ ...r, number: i + 1 })),
    locale,
  );
}
