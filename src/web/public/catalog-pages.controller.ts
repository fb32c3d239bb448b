import { Controller, Get, Param, Query, Req } from '@nestjs/common';
import { FastifyRequest } from 'fastify';
import { COOPERATION_MODES } from 'src/catalog/catalog-kinds';
import { ResultQueryDto } from 'src/catalog/dto/result.dto';
import { ResultsService } from 'src/catalog/results.service';
import { AuthUser } from 'src/common/auth/auth-user';
import { OptionalUser, Public } from 'src/common/auth/decorators';
import { IdParamDto } from 'src/common/dto';
import { PageAnswer, view } from 'src/web/page-answer';
import { PageRenderer } from 'src/web/page-renderer';
import { PageController } from 'src/web/page-responder';
import { found } from 'src/web/public/public.page';

/** The technology readiness levels the search offers as a minimum. */
const LEVELS = [1, 2, 3, 4, 5, 6, 7, 8, 9];

/** The published results catalogue, searched with the same words index as the API. */
@PageController()
@Public()
@Controller('results')
export class CatalogPagesController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly results: ResultsService,
  ) {}

  @Get()
  async list(
    @Req() request: FastifyRequest,
    @OptionalUser() user: AuthUser | undefined,
    @Query() query: Record<string, string>,
  ): Promise<PageAnswer> {
    const { locale } = this.pages.context(request);
    const input = { ...query, limit: 50 };
    const { items, total, problems } = await found(ResultQueryDto, input, locale, (value) =>
      this.results.search(user, value),
    );
    const choices = { levels: LEVELS, modes: COOPERATION_MODES };
    const page = { query, ...choices, problems, results: items, total };
    return view('results', page, { titleKey: 'results.title' });
  }

  @Get(':id')
  async result(
    @OptionalUser() user: AuthUser | undefined,
    @Param() params: IdParamDto,
  ): Promise<PageAnswer> {
    const result = await this.results.get(user, params.id);
    return view('result', { title: result.title, result });
  }
}
