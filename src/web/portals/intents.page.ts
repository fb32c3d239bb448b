import { MeetingPartyDto } from 'src/personal-data/dto/personal-data.dto';
import { MyIntentDto } from 'src/personal-data/dto/sharing.dto';
import { Portal } from 'src/web/portals/portal-page';

/** One intent as a portal lists it: the other person as one may see them, and one's own consent. */
export interface IntentRow {
  intentId: string;
  enterpriseName: string;
  resultTitle: string | null;
  note: string;
  createdAt: Date;
  /** The other person of the intent (the expert for its author, the author for the expert). */
  other: MeetingPartyDto | null;
  /** Whether one shows the other person one's own contacts. */
  sharing: boolean;
  /** Where the consent is given or withdrawn. */
  action: string;
}

/** The caller's intents as rows, each seen from the caller's side. */
export function intentRows(intents: MyIntentDto[], portal: Portal): IntentRow[] {
  return intents.map((intent) => {
    // The caller's side and the other's, by which of the two people of the intent they are.
    const [mine, other] = {
      author: [intent.author, intent.expert],
      expert: [intent.expert, intent.author],
    }[intent.role];
    return {
      intentId: intent.intentId,
      enterpriseName: intent.enterpriseName,
      resultTitle: intent.resultTitle,
      note: intent.note,
      createdAt: intent.createdAt,
      other,
      sharing: mine?.contactsShared ?? false,
      action: `/${portal}/intents/${intent.intentId}/share`,
    };
  });
}
