import { reportSchedulesPage } from 'src/web/console/statistics/report-schedules.page';

const TEXTS: Record<string, string> = {
  'outcomes.schedules.allEvents': '本机构及下级机构的全部活动',
  'outcomes.schedules.frequency.monthly': '每月',
  'outcomes.schedules.frequency.quarterly': '每季度',
  'outcomes.schedules.format.docx': 'Word（.docx）',
  'outcomes.schedules.format.pdf': 'PDF',
};
const text = (key: string) => TEXTS[key] ?? key;

describe('the scheduled-reports page', () => {
  const organization = {
    id: 'o',
    name: '成都市生产力促进中心',
    series: [
      { id: 's', organizationId: 'o', name: '校企双进', description: '', createdAt: new Date() },
    ],
    schedules: [
      {
        id: 'a',
        organizationId: 'o',
        seriesId: 's',
        frequency: 'quarterly' as const,
        recipients: ['kjj@example.gov.cn', 'office@example.cn'],
        formats: ['docx' as const, 'pdf' as const],
        nextSendingAt: new Date('2027-01-01T00:00:00Z'),
        lastPeriod: '2026Q3',
        lastSentAt: new Date('2026-10-01T00:00:00Z'),
      },
    ],
  };

  it('shows each schedule as a manager reads it: the series by name, how often, to whom, in what', () => {
    const page = reportSchedulesPage('定期报告', [organization], text, {});
    expect(page.sections[0].rows).toEqual([
      {
        id: 'a',
        series: '校企双进',
        frequency: '每季度',
        recipients: 'kjj@example.gov.cn、office@example.cn',
        formats: 'DOCX + PDF',
        nextSendingAt: new Date('2027-01-01T00:00:00Z'),
        lastPeriod: '2026Q3',
      },
    ]);
    // A new form offers a monthly Word report.
    expect(page.sections[0].typed).toEqual({ frequency: 'monthly', formats: ['docx'] });
    expect(page.sections[0].formats.map((f) => [f.value, f.checked])).toEqual([
      ['docx', true],
      ['pdf', false],
    ]);
  });

  it('keeps what was typed in a refused form, and only there', () => {
    const typed = { recipients: 'x', frequency: 'quarterly', seriesId: 's', formats: 'pdf' };
    const refused = { form: typed, problem: '请修改', fields: {}, details: [], status: 400 };
    const page = reportSchedulesPage('定期报告', [organization], text, {
      refused: { 'add:o': refused },
    });
    expect(page.sections[0].typed).toBe(typed);
    expect(page.sections[0].series[0].selected).toBe(true);
    expect(page.sections[0].formats.map((f) => f.checked)).toEqual([false, true]);
    expect(page.sections[0].add).toBe(refused);
  });
});
