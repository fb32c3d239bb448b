import { SeriesDto } from 'src/events/dto/series.dto';
import { ReportScheduleDto } from 'src/stats/dto/report-schedule.dto';
import { REPORT_FORMATS, REPORT_FREQUENCIES } from 'src/stats/report-periods';
import { Text } from 'src/web/console/console-event';
import { Form, RefusedForm, RefusedForms } from 'src/web/forms';

/**
 * What the scheduled-reports page shows (定期报告), from the services' DTOs: pure. Each
 * organization the reader manages, its schedules with a button each to stop them, and a form to
 * add one; a refused form is shown where it was sent.
 */

export const SCHEDULE_NOTICES = ['scheduled', 'stopped'] as const;

/** An organization the reader manages, its schedules and series. */
export interface ManagedSchedules {
  id: string;
  name: string;
  schedules: ReportScheduleDto[];
  series: SeriesDto[];
}

export interface ScheduleRow {
  id: string;
  series: string;
  frequency: string;
  recipients: string;
  formats: string;
  nextSendingAt: Date;
  lastPeriod: string | null;
}

export interface SchedulesSection {
  id: string;
  name: string;
  rows: ScheduleRow[];
  series: { id: string; name: string; selected: boolean }[];
  /** What the add form shows: what was typed, else a monthly Word report. */
  typed: Form;
  formats: { value: string; label: string; checked: boolean }[];
  add?: RefusedForm;
}

export interface ReportSchedulesPage {
  title: string;
  sections: SchedulesSection[];
  frequencies: { value: string; label: string }[];
  done?: string;
}

/** The form's name on the page for an organization's add form. */
export const addScheduleForm = (organizationId: string) => `add:${organizationId}`;

const listOf = (value: unknown): string[] =>
  Array.isArray(value) ? value.map(String) : typeof value === 'string' ? [value] : [];

export function reportSchedulesPage(
  title: string,
  managed: ManagedSchedules[],
  text: Text,
  state: { done?: string } & Partial<RefusedForms>,
): ReportSchedulesPage {
  const sections = managed.map((o): SchedulesSection => {
    const add = state.refused?.[addScheduleForm(o.id)];
    const typed: Form = add?.form ?? { frequency: 'monthly', formats: ['docx'] };
    const names = new Map(o.series.map((s) => [s.id, s.name]));
    return {
      id: o.id,
      name: o.name,
      rows: o.schedules.map((s) => ({
        id: s.id,
        series: s.seriesId ? (names.get(s.seriesId) ?? '') : text('outcomes.schedules.allEvents'),
        frequency: text(`outcomes.schedules.frequency.${s.frequency}`),
        recipients: s.recipients.join('、'),
        formats: s.formats.map((f) => f.toUpperCase()).join(' + '),
        nextSendingAt: s.nextSendingAt,
        lastPeriod: s.lastPeriod,
      })),
      series: o.series.map((s) => ({ id: s.id, name: s.name, selected: typed.seriesId === s.id })),
      typed,
      formats: REPORT_FORMATS.map((f) => ({
        value: f,
        label: text(`outcomes.schedules.format.${f}`),
        checked: listOf(typed.formats).includes(f),
      })),
      add,
    };
  });
  return {
    title,
    sections,
    frequencies: REPORT_FREQUENCIES.map((f) => ({
      value: f,
      label: text(`outcomes.schedules.frequency.${f}`),
    })),
    done: state.done,
  };
}
