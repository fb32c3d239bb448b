import { FieldProblem } from 'src/common/errors/domain-error';
import { EventLoopTurns } from 'src/common/event-loop-turns';
import { CheckedRows, checkRows, contentOf, Row } from 'src/common/rows';
import { InviteeDto } from 'src/invitations/dto/invitation.dto';
import { inviteeRow } from 'src/invitations/invitee-csv';

const CONTACT_REQUIRED = {
  'zh-CN': '请填写手机号或邮箱（至少一项）',
  en: 'Please give a mobile number or an e-mail address (or both)',
};

/** A row with neither an e-mail address nor a mobile number reaches nobody. */
function contactProblems(value: InviteeDto): FieldProblem[] {
  return value.email === undefined && value.mobile === undefined
    ? [{ field: 'mobile', rule: 'contactRequired', message: CONTACT_REQUIRED }]
    : [];
}

/** Invitee rows checked each on its own (a JSON list, on the request's loop with its turns). */
export function checkInviteeRows(
  rows: Row[],
  turns = new EventLoopTurns(),
): Promise<CheckedRows<InviteeDto>> {
  return checkRows(InviteeDto, rows, contactProblems, turns);
}

/** A spreadsheet's invitee rows (sectors as people write them), checked on the import thread. */
export function checkInviteeSheetRows(rows: Row[]): Promise<CheckedRows<InviteeDto>> {
  const shaped = rows.map(({ line, data, content }) => ({
    line,
    data: inviteeRow(data),
    content: content ?? contentOf(data),
  }));
  return checkInviteeRows(shaped, new EventLoopTurns(Infinity));
}
