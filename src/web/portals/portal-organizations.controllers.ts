import { Controller } from '@nestjs/common';
import { Roles } from 'src/common/auth/decorators';
import { MembershipRequestsService } from 'src/identity/membership-requests.service';
import { Forms } from 'src/web/forms';
import { PageController } from 'src/web/page-responder';
import { MembershipPages } from 'src/web/portals/memberships.pages';

/** An expert's organizations (`/expert/organizations`). */
@PageController()
@Roles('expert')
@Controller('expert/organizations')
export class ExpertOrganizationsController extends MembershipPages {
  protected readonly portal = 'expert';

  constructor(
    protected readonly forms: Forms,
    protected readonly requests: MembershipRequestsService,
  ) {
    super();
  }
}

/** An enterprise user's organizations (`/enterprise/organizations`). */
@PageController()
@Roles('enterprise')
@Controller('enterprise/organizations')
export class EnterpriseOrganizationsController extends MembershipPages {
  protected readonly portal = 'enterprise';

  constructor(
    protected readonly forms: Forms,
    protected readonly requests: MembershipRequestsService,
  ) {
    super();
  }
}
