/**
 * The desk in the demo: where the import templates are, and a list as organizers really have it
 * (a GBK "CSV" as Excel on a Chinese Windows saves it, with three lines the import refuses) to try
 * on an event's invitations page.
 */

/** A GBK invitee list, three of whose lines are refused (an e-mail, a 7-digit mobile, a sector). */
export const GBK_INVITEE_LIST = 'test/fixtures/invitees-excel-gbk.csv';

/** The lines `npm run demo` prints about imports. */
export function deskLines(publicUrl: string, eventId: string): string[] {
  const templates = ['invitations', 'results', 'needs'].map(
    (kind) => `${publicUrl}/api/imports/templates/${kind}`,
  );
  return [
    `导入模板（Excel）/ import templates: ${templates.join('  ')}`,
    `试试导入 Excel 另存的 GBK 名单（3 行会被拒并说明原因）/ try a GBK list as Excel saves it (3 lines refused, with why): ${GBK_INVITEE_LIST} → ${publicUrl}/console/events/${eventId}/invitations`,
  ];
}
