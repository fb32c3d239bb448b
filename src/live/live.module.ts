import { DynamicModule, Module } from '@nestjs/common';
import { LiveNow } from 'src/agenda/live-now';
import { AppConfig } from 'src/config/config';
import { APP_CONFIG } from 'src/config/config.module';
import { DealsModule } from 'src/deals/deals.module';
import { EventsModule } from 'src/events/events.module';
import { IdentityModule } from 'src/identity/identity.module';
import { Audience } from 'src/live/audience';
import { LiveBroadcast } from 'src/live/broadcast';
import { LiveLimits } from 'src/live/live-limits';
import { LiveSessionRecords } from 'src/live/live-session-records';
import { LiveSocketGate } from 'src/live/live-socket-gate';
import { RateLimiter } from 'src/common/rate-limiter';
import { LiveTalkService } from 'src/live/live-talk.service';
import { LiveController } from 'src/live/live.controller';
import { LiveGateway } from 'src/live/live.gateway';
import { LiveService } from 'src/live/live.service';
import { MEDIA_ADAPTER, MediaAdapter } from 'src/live/media-adapter';
import { MediaHostClaim } from 'src/live/media-host-claim';
import { MediaPool } from 'src/live/media-pool';
import { MediasoupAdapter } from 'src/live/mediasoup-adapter';
import { Relays } from 'src/live/relay';

/**
 * The live stage, in the API process: mediasoup workers, signalling, Q&A, chat, intents, relays
 * and audience figures. `mediaAdapter` replaces mediasoup (tests on a host without its worker).
 */
@Module({})
export class LiveModule {
  static forRoot(mediaAdapter?: MediaAdapter): DynamicModule {
    return {
      module: LiveModule,
      // Global for LiveNow alone: the agenda, earlier in the dependency order, cannot import it.
      global: true,
      imports: [EventsModule, IdentityModule, DealsModule],
      controllers: [LiveController],
      providers: [
        mediaAdapter
          ? { provide: MEDIA_ADAPTER, useValue: mediaAdapter }
          : {
              provide: MEDIA_ADAPTER,
              inject: [APP_CONFIG],
              useFactory: (config: AppConfig) => new MediasoupAdapter(config.live),
            },
        MediaPool,
        Audience,
        LiveBroadcast,
        Relays,
        LiveSessionRecords,
        { provide: LiveNow, useExisting: LiveSessionRecords },
        LiveService,
        LiveTalkService,
        MediaHostClaim,
        RateLimiter,
        LiveLimits,
        LiveSocketGate,
        LiveGateway,
      ],
      exports: [MediaPool, Relays, LiveNow],
    };
  }
}
