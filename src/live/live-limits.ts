import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from 'src/common/errors/domain-error';
import { RateLimiter } from 'src/common/rate-limiter';
import { AppConfig } from 'src/config/config';
import { APP_CONFIG } from 'src/config/config.module';
import { LiveError } from 'src/live/live.errors';

/** What the audience says, each limited on its own. */
export type Speech = 'chat' | 'question' | 'intent';

/** Who speaks: their viewer id (`user:…` or `guest:…`) and the address their socket came from. */
export interface Speaker {
  viewerId: string;
  address: string;
}

/**
 * How often the audience may speak, counted in Redis so that the limits hold across a person's
 * sockets and across API processes: once a second and so many a minute per person or guest (by
 * viewer id, which for a guest is the server's signed cookie; intents per minute only), and so
 * many a minute from one address for all kinds together (for whoever throws away their cookie).
 */
@Injectable()
export class LiveLimits {
  private readonly perMinute: Record<Speech, number>;

  constructor(
    private readonly limiter: RateLimiter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    const live = config.live;
    this.perMinute = {
      chat: live.chatPerMinute,
      question: live.questionsPerMinute,
      intent: live.intentsPerMinute,
    };
  }

  /** Counts one line of `speech`; past a limit, LIVE_TOO_FAST with when to try again. */
  async speak(speech: Speech, { viewerId, address }: Speaker): Promise<void> {
    try {
      // Lines of a conversation come at most once a second; an intent is a record, not a line.
      if (speech !== 'intent') await this.limiter.consume(`live:${speech}:${viewerId}:s`, 1, 1);
      await this.limiter.consume(`live:${speech}:${viewerId}`, this.perMinute[speech], 60);
      await this.limiter.consume(
        `live:speech-from:${address}`,
        this.config.live.speechPerAddressPerMinute,
        60,
      );
    } catch (error) {
      if (error instanceof DomainError && error.code === 'TOO_MANY_REQUESTS')
        throw LiveError.LIVE_TOO_FAST(error.details);
      throw error;
    }
  }
}
