import { Injectable } from '@nestjs/common';
import { ResultsService } from 'src/catalog/results.service';
import { AuthUser } from 'src/common/auth/auth-user';
import { DealDto, IntentDto } from 'src/deals/dto/deals.dto';
import { EventsService } from 'src/events/events.service';
import { Titles } from 'src/web/console/deals/deals.page';

/** The titles of the events and results intents and deals name, as the reader may see them. */
@Injectable()
export class FollowUpTitles {
  constructor(
    private readonly events: EventsService,
    private readonly results: ResultsService,
  ) {}

  async of(user: AuthUser, items: (IntentDto | DealDto)[]): Promise<Titles> {
    return {
      events: await titlesOf(
        items.map((i) => i.eventId),
        (id) => this.events.get(user, id),
      ),
      results: await titlesOf(
        items.map((i) => i.resultId),
        (id) => this.results.get(user, id),
      ),
    };
  }
}

/** The title of each one named, by id; one the reader may not (or no longer) see has none. */
async function titlesOf(
  ids: (string | null)[],
  get: (id: string) => Promise<{ title: string }>,
): Promise<Map<string, string>> {
  const titles = new Map<string, string>();
  for (const id of new Set(ids.filter((x): x is string => !!x))) {
    const found = await get(id).catch(() => undefined);
    if (found) titles.set(id, found.title);
  }
  return titles;
}
