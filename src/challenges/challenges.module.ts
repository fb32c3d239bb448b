import { Module } from '@nestjs/common';
import { EventsModule } from 'src/events/events.module';
import { ChallengesController } from 'src/challenges/challenges.controller';
import { ChallengesService } from 'src/challenges/challenges.service';
import { NotificationsModule } from 'src/notifications/notifications.module';

/** Challenges (揭榜挂帅) and the institutions' bids for them. */
@Module({
  imports: [NotificationsModule, EventsModule],
  controllers: [ChallengesController],
  providers: [ChallengesService],
})
export class ChallengesModule {}
