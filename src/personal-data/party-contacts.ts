import { Tx } from 'src/database/tx';
import { MeetingPartyDto } from 'src/personal-data/dto/personal-data.dto';
import { Consents } from 'src/privacy/consents';

/**
 * A person as the other party of a meeting or an intent sees them: name and organization always;
 * mobile and e-mail only while that person's separate consent to share them for `scope` stands.
 */
export async function partyAsSeen(
  tx: Tx,
  consents: Consents,
  userId: string,
  scope: string,
): Promise<MeetingPartyDto> {
  const [person] = await tx.query<
    { name: string; email: string | null; mobile: string | null; organization: string | null }[]
  >(
    `SELECT u.name, u.email, u.mobile,
            (SELECT o.name FROM membership m JOIN organization o ON o.id = m.organization_id
              WHERE m.user_id = u.id ORDER BY m.created_at LIMIT 1) AS organization
       FROM user_account u WHERE u.id = $1`,
    [userId],
  );
  const shared = await consents.stands({ type: 'user', id: userId }, 'share_contacts', scope);
  return {
    userId,
    name: person.name,
    organization: person.organization,
    contactsShared: shared,
    email: shared ? person.email : null,
    mobile: shared ? person.mobile : null,
  };
}
