import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { sqlList } from 'src/database/sql';

/** Whose consent a row records: an account, or a guest known by their registration or invitation. */
export const CONSENT_PERSONS = ['user', 'registration', 'invitation'] as const;
export type ConsentPerson = (typeof CONSENT_PERSONS)[number];

/**
 * What was consented to: `notice` is the privacy notice accepted at sign-up, guest registration
 * and invitation acceptance; `share_contacts` the separate consent (PIPL Art. 23) to show one's
 * mobile and e-mail to another party (the scope names it: `docking_meeting:<id>`, a registration's
 * `co_host:<organizationId>`, an intent's `intent:<id>`).
 */
export const CONSENT_PURPOSES = ['notice', 'share_contacts'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

/** One consent given (and perhaps withdrawn): by whom, to which version of the notice, when. */
@Entity('consent')
@Check('ck_consent_person_type', `person_type IN (${sqlList(CONSENT_PERSONS)})`)
@Check('ck_consent_purpose', `purpose IN (${sqlList(CONSENT_PURPOSES)})`)
@Index('ix_consent_person', ['personType', 'personId'])
export class Consent {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 12 })
  personType!: ConsentPerson;

  @Column({ type: 'uuid' })
  personId!: string;

  @Column({ type: 'varchar', length: 20 })
  purpose!: ConsentPurpose;

  /** For a sharing consent: with whom, e.g. `docking_meeting:<id>`; null for the notice. */
  @Column({ type: 'varchar', length: 80, nullable: true })
  scope!: string | null;

  /** The version of the privacy notice shown when the consent was given. */
  @Column({ type: 'varchar', length: 20 })
  noticeVersion!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  givenAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  withdrawnAt!: Date | null;
}

/** The scope of a registrant's consent to show their contacts to one co-host of the event. */
export const coHostScope = (organizationId: string) => `co_host:${organizationId}`;

/** The scope of a consent to show one's contacts to the other party of an intent. */
export const intentScope = (intentId: string) => `intent:${intentId}`;
