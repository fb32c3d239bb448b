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
    const events = new Map<string, string>();
    const results = new Map<string, string>();
    for (const id of new Set(items.map((i) => i.eventId).filter((x): x is string => !!x))) {
      const event = await this.events.get(user, id).catch(() => undefined);
      if (event) events.set(id, event.title);
    }
    for (const id of new Set(items.map((i) => i.resultId).filter((x): x is string => !!x))) {
      const result = await this.results.get(user, id).catch(() => undefined);
      if (result) results.set(id, result.title);
    }
    return { events, results };
  }
}
