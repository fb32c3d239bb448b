import { Controller, Get, Param, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { FastifyReply, FastifyRequest } from 'fastify';
import { COOPERATION_MODES } from 'src/catalog/catalog-kinds';
import { ResultQueryDto } from 'src/catalog/dto/result.dto';
import { ResultsService } from 'src/catalog/results.service';
import { Public } from 'src/common/auth/decorators';
import { IdParamDto } from 'src/common/dto';
import { problemLines, readForm } from 'src/web/forms';
import { PageErrorFilter } from 'src/web/page-error.filter';
import { PageRenderer } from 'src/web/page-renderer';

/** The published results catalogue, searched with the same words index as the API. */
@ApiExcludeController()
@Public()
@UseFilters(PageErrorFilter)
@Controller('results')
export class CatalogPagesController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly results: ResultsService,
  ) {}

  @Get()
  async list(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query() query: Record<string, string>,
  ): Promise<void> {
    const context = this.pages.context(request);
    const form = await readForm(ResultQueryDto, { ...query, limit: 50 });
    const page = form.value
      ? await this.results.search(request.user, form.value)
      : { items: [], total: 0 };
    this.pages.send(reply, request, 'results', {
      title: this.pages.text(context, 'results.title'),
      query,
      levels: [1, 2, 3, 4, 5, 6, 7, 8, 9],
      modes: COOPERATION_MODES,
      problems: problemLines(form.problems, context.locale),
      results: page.items,
      total: page.total,
    });
  }

  @Get(':id')
  async result(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param() params: IdParamDto,
  ): Promise<void> {
    const result = await this.results.get(request.user, params.id);
    this.pages.send(reply, request, 'result', { title: result.title, result });
  }
}
