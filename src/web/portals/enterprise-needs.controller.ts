import { Controller } from '@nestjs/common';
import { CONFIDENTIALITIES } from 'src/catalog/catalog-kinds';
import { CreateNeedDto, NeedDto, UpdateNeedDto } from 'src/catalog/dto/need.dto';
import { NeedsService } from 'src/catalog/needs.service';
import { Roles } from 'src/common/auth/decorators';
import { Imports } from 'src/imports/imports';
import { Forms } from 'src/web/forms';
import { PageController } from 'src/web/page-responder';
import { ALL_MINE } from 'src/web/portals/portal-page';
import { OwnEntriesPages, OwnEntriesSpec } from 'src/web/portals/own-entries.pages';
import { needForm, needInput } from 'src/web/portals/portal-forms';

/** An enterprise's needs (`/enterprise/needs`): list, new, edit, publish, import. */
@PageController()
@Roles('enterprise')
@Controller('enterprise/needs')
export class EnterpriseNeedsController extends OwnEntriesPages<NeedDto> {
  protected readonly spec: OwnEntriesSpec<NeedDto>;

  constructor(
    protected readonly forms: Forms,
    imports: Imports,
    needs: NeedsService,
  ) {
    super();
    this.spec = {
      portal: 'enterprise',
      section: 'needs',
      entry: 'need',
      createDto: CreateNeedDto,
      updateDto: UpdateNeedDto,
      input: needInput,
      formOf: needForm,
      checkboxes: [],
      blank: { confidentiality: 'public' },
      choices: { confidentialities: CONFIDENTIALITIES },
      mine: async (user) => (await needs.search(user, ALL_MINE)).items,
      own: (user, id) => needs.own(user, id),
      create: (user, value) => needs.create(user, value as CreateNeedDto),
      update: (user, id, value) => needs.update(user, id, value),
      import: (user, sheet) => needs.import(user, sheet),
      progress: (user, id) => imports.get(user, id),
    };
  }
}
