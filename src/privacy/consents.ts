import { Injectable } from '@nestjs/common';
import { auditInsertions, personalDataRecord } from 'src/audit/audit';
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

/** A consent to record: whose, for what purpose and within which scope. */
export interface ConsentGrant {
  person: ConsentingPerson;
  purpose: ConsentPurpose;
  scope: string | null;
}

/**
 * Consents given now and their audit entries, as named parts of a WITH clause whose parameters are
 * numbered from `firstParam`: for a caller that records them in the same statement as what they
 * were given for (guests' seats). A consent is recorded only where `given(personId)` holds, a SQL
 * condition on the SQL expression of its person's id (say, that their registration was inserted).
 * The persons are new to consents there: nothing can stand already. `name` keeps the WITH parts of
 * several calls in one statement apart.
 */
export function consentsGiven(
  grants: ConsentGrant[],
  organizationId: string | null,
  {
    firstParam = 1,
    given = (): string => 'true',
    name = 'consent',
  }: { firstParam?: number; given?: (personId: string) => string; name?: string } = {},
): { ctes: string; params: unknown[] } {
  const rows = grants.map(({ person, purpose, scope }) => ({
    person_type: person.type,
    person_id: person.id,
    purpose,
    scope,
  }));
  const audit = auditInsertions(
    grants.map(({ person, purpose, scope }) =>
      personalDataRecord({
        action: 'consent',
        actorId: person.type === 'user' ? person.id : null,
        subjectId: person.id,
        organizationId,
        people: 1,
        about: { person: person.type, purpose, scope, noticeVersion: PRIVACY_NOTICE_VERSION },
      }),
    ),
    { firstParam: firstParam + 2, when: given('a.subject_id') },
  );
  return {
    ctes: `${name}_given AS (
             INSERT INTO consent (person_type, person_id, purpose, scope, notice_version)
             SELECT g.person_type, g.person_id, g.purpose, g.scope, $${firstParam + 1}
               FROM jsonb_to_recordset($${firstParam}::jsonb)
                    AS g(person_type text, person_id uuid, purpose text, scope text)
              WHERE ${given('g.person_id')}),
           ${name}_audited AS (${audit.sql})`,
    params: [JSON.stringify(rows), PRIVACY_NOTICE_VERSION, ...audit.params],
  };
}

/** One consent given now and its audit entry, where the SQL condition `when` holds (see `consentsGiven`). */
export function consentGiven(
  person: ConsentingPerson,
  purpose: ConsentPurpose,
  scope: string | null,
  organizationId: string | null,
  { firstParam = 1, when = 'true', name = 'consent' } = {},
): { ctes: string; params: unknown[] } {
  return consentsGiven([{ person, purpose, scope }], organizationId, {
    firstParam,
    given: () => when,
    name,
  });
}
