import { Controller } from '@nestjs/common';
import { COOPERATION_MODES } from 'src/catalog/catalog-kinds';
import { CreateResultDto, ResultDto, UpdateResultDto } from 'src/catalog/dto/result.dto';
import { ResultsService } from 'src/catalog/results.service';
import { Roles } from 'src/common/auth/decorators';
import { Imports } from 'src/imports/imports';
import { Forms } from 'src/web/forms';
import { PageController } from 'src/web/page-responder';
import { ALL_MINE } from 'src/web/portals/portal-page';
import { OwnEntriesPages, OwnEntriesSpec } from 'src/web/portals/own-entries.pages';
import { resultForm, resultInput } from 'src/web/portals/portal-forms';

/** An expert's results (`/expert/results`): list, new, edit, publish, import. */
@PageController()
@Roles('expert')
@Controller('expert/results')
export class ExpertResultsController extends OwnEntriesPages<ResultDto> {
  protected readonly spec: OwnEntriesSpec<ResultDto>;

  constructor(
    protected readonly forms: Forms,
    imports: Imports,
    results: ResultsService,
  ) {
    super();
    this.spec = {
      portal: 'expert',
      section: 'results',
      entry: 'result',
      createDto: CreateResultDto,
      updateDto: UpdateResultDto,
      input: resultInput,
      formOf: resultForm,
      checkboxes: ['cooperationModes'],
      blank: { readinessLevel: '' },
      choices: {
        readinessLevels: [1, 2, 3, 4, 5, 6, 7, 8, 9],
        cooperationModes: COOPERATION_MODES,
      },
      mine: async (user) => (await results.search(user, ALL_MINE)).items,
      own: (user, id) => results.own(user, id),
      create: (user, value) => results.create(user, value as CreateResultDto),
      update: (user, id, value) => results.update(user, id, value),
      import: (user, sheet) => results.import(user, sheet),
      progress: (user, id) => imports.get(user, id),
    };
  }
}
