import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE, RouterModule } from '@nestjs/core';
import { AccessModule } from 'src/access/access.module';
import { AgendaModule } from 'src/agenda/agenda.module';
import { CalendarModule } from 'src/calendar/calendar.module';
import { CatalogModule } from 'src/catalog/catalog.module';
import { ChallengesModule } from 'src/challenges/challenges.module';
import { AuthGuard } from 'src/common/auth/auth.guard';
import { CsrfGuard } from 'src/common/auth/csrf.guard';
import { RolesGuard } from 'src/access/roles.guard';
import { ErrorFilter } from 'src/common/errors/error.filter';
import { createValidationPipe } from 'src/common/validation';
import { AppConfig } from 'src/config/config';
import { ConfigModule } from 'src/config/config.module';
import { DatabaseModule, DatabaseWork } from 'src/database/database.module';
import { DealsModule } from 'src/deals/deals.module';
import { DockingModule } from 'src/docking/docking.module';
import { EventsModule } from 'src/events/events.module';
import { IdentityModule } from 'src/identity/identity.module';
import { ImportsModule } from 'src/imports/imports.module';
import { InvitationsModule } from 'src/invitations/invitations.module';
import { LiveModule } from 'src/live/live.module';
import { MediaAdapter } from 'src/live/media-adapter';
import { MatchingModule } from 'src/matching/matching.module';
import { NotificationsModule } from 'src/notifications/notifications.module';
import { NotificationsWorkerModule } from 'src/notifications/notifications-worker.module';
import { OpsModule } from 'src/ops/ops.module';
import { PersonalDataModule } from 'src/personal-data/personal-data.module';
import { PrivacyModule } from 'src/privacy/privacy.module';
import { QueueModule } from 'src/queue/queue.module';
import { RegistrationsModule } from 'src/registrations/registrations.module';
import { RoadshowsModule } from 'src/roadshows/roadshows.module';
import { StatsModule } from 'src/stats/stats.module';
import { BackfillModule } from 'src/backfill/backfill.module';
import { WebModule } from 'src/web/web.module';

/** The features whose controllers make the HTTP API, served under `/api`. */
const API_FEATURES = [
  IdentityModule,
  ImportsModule,
  EventsModule,
  RegistrationsModule,
  InvitationsModule,
  CalendarModule,
  CatalogModule,
  MatchingModule,
  AgendaModule,
  DockingModule,
  RoadshowsModule,
  ChallengesModule,
  DealsModule,
  StatsModule,
  BackfillModule,
  PersonalDataModule,
];

/** Infrastructure and features shared by the API and the worker process. */
function sharedModules(config: AppConfig, role: DatabaseWork) {
  return [
    ConfigModule.forRoot(config),
    DatabaseModule.forRoot(role),
    QueueModule,
    AccessModule,
    PrivacyModule,
    NotificationsModule,
    ...API_FEATURES,
  ];
}

/** What tests may replace in the API, and what scripts leave out. */
export interface ApiParts {
  /** Replaces mediasoup (tests on hosts without its worker). */
  mediaAdapter?: MediaAdapter;
  /** `false` leaves the live stage out: scripts need no media workers. */
  live?: boolean;
}

/** The HTTP API, the live stage and pages (`src/main.ts`). */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig, parts: ApiParts = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ...sharedModules(config, 'api'),
        ...(parts.live === false ? [] : [LiveModule.forRoot(parts.mediaAdapter)]),
        OpsModule,
        WebModule,
        // The API under /api; pages (WebModule), /health and /metrics at the root, so that a page
        // may have the path an API resource has under /api (/invitations/:id, the link invitees get).
        RouterModule.register(
          [...API_FEATURES, LiveModule].map((module) => ({ path: 'api', module })),
        ),
      ],
      providers: [
        // In this order: a forged cross-site request is refused before anything is looked up,
        // then who the caller is, then the platform roles the endpoint names.
        { provide: APP_GUARD, useClass: CsrfGuard },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_GUARD, useClass: RolesGuard },
        { provide: APP_FILTER, useClass: ErrorFilter },
        { provide: APP_PIPE, useFactory: createValidationPipe },
      ],
    };
  }
}

/** The BullMQ processors and the outbox relay (`src/worker.ts`). */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [...sharedModules(config, 'worker'), NotificationsWorkerModule],
    };
  }
}
