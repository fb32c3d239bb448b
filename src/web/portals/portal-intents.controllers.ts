import { Controller } from '@nestjs/common';
import { Roles } from 'src/common/auth/decorators';
import { IntentSharing } from 'src/personal-data/intent-sharing';
import { Forms } from 'src/web/forms';
import { PageController } from 'src/web/page-responder';
import { IntentPages } from 'src/web/portals/intents.pages';

/** An expert's intents (`/expert/intents`): those received on their results, where the message asks them to choose. */
@PageController()
@Roles('expert')
@Controller('expert/intents')
export class ExpertIntentsController extends IntentPages {
  protected readonly portal = 'expert';

  constructor(
    protected readonly forms: Forms,
    protected readonly sharing: IntentSharing,
  ) {
    super();
  }
}

/** An enterprise user's (an investor's) intents (`/enterprise/intents`). */
@PageController()
@Roles('enterprise')
@Controller('enterprise/intents')
export class EnterpriseIntentsController extends IntentPages {
  protected readonly portal = 'enterprise';

  constructor(
    protected readonly forms: Forms,
    protected readonly sharing: IntentSharing,
  ) {
    super();
  }
}
