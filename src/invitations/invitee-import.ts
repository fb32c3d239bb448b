import { Inject, Injectable } from '@nestjs/common';
import { AuthUser } from 'src/common/auth/auth-user';
import { CheckedRows, contentOf, Row, rowErrors, RowErrorDto, TableFile } from 'src/common/rows';
import { threadFunction } from 'src/common/thread-calls';
import { AppConfig } from 'src/config/config';
import { APP_CONFIG } from 'src/config/config.module';
import { Tx } from 'src/database/tx';
import { Event } from 'src/events/event.entity';
import { EventAccess } from 'src/events/event-access';
import { ImportDto } from 'src/imports/dto/import.dto';
import { BatchOutcome, ImportRun, Imports } from 'src/imports/imports';
import { InviteeDto } from 'src/invitations/dto/invitation.dto';
import { InvitationMessages, Invitee } from 'src/invitations/invitation-messages';
import { InvitationSeats } from 'src/invitations/invitation-seats';
import { Sector } from 'src/events/sectors';
import { INVITEE_HEADERS, INVITEE_TEMPLATE } from 'src/invitations/invitee-csv';
import { checkInviteeRows } from 'src/invitations/invitee-rows';

/** The import kind of invitee lists. */
export const INVITEES_IMPORT = 'invitations';

/**
 * Invitee rows checked and invited, for a JSON list (at once) and for an uploaded file (as an
 * import job, batch after batch): each row on its own, an address given twice an error of its
 * second row, people invited already not invited twice, each invitation sent through the outbox.
 */
@Injectable()
export class InviteeImport {
  constructor(
    private readonly tx: Tx,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly access: EventAccess,
    private readonly messages: InvitationMessages,
    private readonly imports: Imports,
    private readonly seats: InvitationSeats,
  ) {
    imports.register(INVITEES_IMPORT, {
      headers: INVITEE_HEADERS,
      template: INVITEE_TEMPLATE,
      check: threadFunction(__dirname, 'invitee-rows', 'checkInviteeSheetRows'),
      write: (checked, run) => this.writeBatch(checked as CheckedRows<InviteeDto>, run),
    });
  }

  /** Queues the import of a CSV or XLSX list into an event the caller may edit. */
  async stage(user: AuthUser, eventId: string, file: TableFile): Promise<ImportDto> {
    await this.access.editableEvent(user, eventId);
    return this.imports.stage(user, INVITEES_IMPORT, file, { eventId });
  }

  private async writeBatch(
    checked: CheckedRows<InviteeDto>,
    run: ImportRun,
  ): Promise<BatchOutcome> {
    const event = await this.tx
      .repository(Event)
      .findOneByOrFail({ id: String(run.target.eventId) });
    const { valid, errors } = firstOfEach(checked, run.memory);
    const invited = await this.invite(event, valid, run.actor.id);
    return { imported: invited, skipped: valid.length - invited, errors };
  }

  /** A JSON list's rows checked at once: each on its own, then repeats (see `firstOfEach`). */
  async check(rows: Row[]): Promise<{ valid: InviteeDto[]; errors: RowErrorDto[] }> {
    return firstOfEach(await checkInviteeRows(rows));
  }

  /**
   * Invites the checked rows in one statement (those invited already are left), keeps their seats
   * where the event holds invitees' seats, and sends the invitations.
   */
  async invite(event: Event, valid: InviteeDto[], createdBy: string): Promise<number> {
    return this.tx.run(async (manager) => {
      // One JSON document rather than an array per column: much cheaper to send for many rows.
      const invitations = await manager.query<(Invitee & { sector: Sector })[]>(
        `INSERT INTO invitation (event_id, name, email, mobile, organization_name, sector, role, locale, created_by)
         SELECT $1, i.*, $3 FROM jsonb_to_recordset($2::jsonb) AS i(
                  name text, email text, mobile text, organization_name text, sector text, role text, locale text)
         ON CONFLICT DO NOTHING
         RETURNING id, name, email, mobile, role, locale, sector`,
        [
          event.id,
          JSON.stringify(
            valid.map((v) => ({
              name: v.name,
              email: v.email ?? null,
              mobile: v.mobile ?? null,
              organization_name: v.organizationName ?? null,
              sector: v.sector,
              role: v.role ?? null,
              locale: v.locale ?? this.config.defaultLocale,
            })),
          ),
          createdBy,
        ],
      );
      await this.seats.keepFor(event, invitations);
      await this.messages.invite(event, invitations);
      return invitations.length;
    });
  }
}

const REPEATS = (first: number) => ({
  'zh-CN': `与第 ${first} 行重复`,
  en: `repeats row ${first}`,
});

/**
 * The checked rows without repeats: an e-mail address or a mobile number given twice is an error
 * of its second row (`seen` remembers them across the batches of one run; after a run is taken
 * over, a repeat is found already invited instead).
 */
function firstOfEach(
  checked: CheckedRows<InviteeDto>,
  seen = new Map<string, number>(),
): { valid: InviteeDto[]; errors: RowErrorDto[] } {
  const unique: InviteeDto[] = [];
  const errors = [...checked.errors];
  for (const { line, value } of checked.valid) {
    const field = (['email', 'mobile'] as const).find(
      (f) => value[f] !== undefined && seen.has(`${f}:${value[f]}`),
    );
    if (field === undefined) {
      for (const f of ['email', 'mobile'] as const)
        if (value[f] !== undefined) seen.set(`${f}:${value[f]}`, line);
      unique.push(value);
    } else {
      const first = seen.get(`${field}:${value[field]}`)!;
      const repeat = { field, rule: 'repeat', message: REPEATS(first) };
      errors.push(...rowErrors(line, [repeat], contentOf({ ...value })));
    }
  }
  errors.sort((x, y) => x.row - y.row);
  return { valid: unique, errors };
}
