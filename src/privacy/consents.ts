import { Injectable } from '@nestjs/common';
import { auditInsertion, personalDataRecord } from 'src/audit/audit';
import { runPart } from 'src/database/statement-part';
import { Tx } from 'src/database/tx';
import { Consent, ConsentPerson, ConsentPurpose } from 'src/privacy/consent.entity';
import { PRIVACY_NOTICE_VERSION } from 'src/privacy/privacy-notice';

/** A person as consents know them: an account, or a guest by their registration or invitation. */
export interface ConsentingPerson {
  type: ConsentPerson;
  id: string;
}

/** One consent as the API and a person's data copy show it. */
export interface ConsentView {
  purpose: ConsentPurpose;
  scope: string | null;
  noticeVersion: string;
  givenAt: Date;
  withdrawnAt: Date | null;
}

/**
 * Records consents in the caller's transaction, with the version of the privacy notice in force,
 * and answers whether a consent stands (given and not withdrawn). Each consent is audited.
 */
@Injectable()
export class Consents {
  constructor(private readonly tx: Tx) {}

  /** The privacy notice accepted (sign-up, guest registration, invitation acceptance). */
  async acceptNotice(
    person: ConsentingPerson,
    organizationId: string | null = null,
  ): Promise<void> {
    await this.give(person, 'notice', null, organizationId);
  }

  /** A consent given now; giving one that stands already changes nothing. */
  async give(
    person: ConsentingPerson,
    purpose: ConsentPurpose,
    scope: string | null,
    organizationId: string | null = null,
  ): Promise<void> {
    if (await this.stands(person, purpose, scope)) return;
    await runPart(this.tx, (firstParam, when) =>
      consentGiven(person, purpose, scope, organizationId, { firstParam, when }),
    );
  }

  /** Withdraws the standing consents of this purpose (and scope, when given). */
  async withdraw(
    person: ConsentingPerson,
    purpose?: ConsentPurpose,
    scope?: string,
  ): Promise<void> {
    await this.tx.query(
      `UPDATE consent SET withdrawn_at = now()
        WHERE person_type = $1 AND person_id = $2 AND withdrawn_at IS NULL
          AND ($3::text IS NULL OR purpose = $3) AND ($4::text IS NULL OR scope = $4)`,
      [person.type, person.id, purpose ?? null, scope ?? null],
    );
  }

  async stands(
    person: ConsentingPerson,
    purpose: ConsentPurpose,
    scope: string | null,
  ): Promise<boolean> {
    const [row] = await this.tx.query<{ found: boolean }[]>(
      `SELECT EXISTS (SELECT 1 FROM consent
                       WHERE person_type = $1 AND person_id = $2 AND purpose = $3
                         AND scope IS NOT DISTINCT FROM $4 AND withdrawn_at IS NULL) AS found`,
      [person.type, person.id, purpose, scope],
    );
    return row.found;
  }

  /** Every consent of these persons, oldest first. */
  async of(persons: ConsentingPerson[]): Promise<ConsentView[]> {
    if (persons.length === 0) return [];
    const rows = await this.tx.repository(Consent).find({
      where: persons.map((p) => ({ personType: p.type, personId: p.id })),
      order: { givenAt: 'ASC' },
    });
    return rows.map(({ purpose, scope, noticeVersion, givenAt, withdrawnAt }) => ({
      purpose,
      scope,
      noticeVersion,
      givenAt,
      withdrawnAt,
    }));
  }
}

/**
 * A consent given now and its audit entry, as named parts of a WITH clause whose parameters are
 * numbered from `firstParam`: for a caller that records it in the same statement as what it was
 * given for (a guest's seat), where nothing is recorded unless the SQL condition `when` holds.
 * The person is new to consents there: nothing can stand already. `name` keeps the WITH parts of
 * several consents in one statement apart.
 */
export function consentGiven(
  person: ConsentingPerson,
  purpose: ConsentPurpose,
  scope: string | null,
  organizationId: string | null,
  { firstParam = 1, when = 'true', name = 'consent' } = {},
): { ctes: string; params: unknown[] } {
  const p = (i: number) => `$${firstParam + i}`;
  const params = [person.type, person.id, purpose, scope, PRIVACY_NOTICE_VERSION];
  const audit = auditInsertion(
    personalDataRecord({
      action: 'consent',
      actorId: person.type === 'user' ? person.id : null,
      subjectId: person.id,
      organizationId,
      people: 1,
      about: { person: person.type, purpose, scope, noticeVersion: PRIVACY_NOTICE_VERSION },
    }),
    { firstParam: firstParam + params.length, when },
  );
  return {
    ctes: `${name}_given AS (
             INSERT INTO consent (person_type, person_id, purpose, scope, notice_version)
             SELECT ${p(0)}, ${p(1)}::uuid, ${p(2)}, ${p(3)}, ${p(4)} WHERE ${when}),
           ${name}_audited AS (${audit.sql})`,
    params: [...params, ...audit.params],
  };
}
