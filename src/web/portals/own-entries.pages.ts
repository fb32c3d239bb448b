import { Body, Get, Param, Post, Query, Req } from '@nestjs/common';
import { FastifyRequest } from 'fastify';
import { TableFile } from 'src/common/rows';
import { ImportDto } from 'src/imports/dto/import.dto';
import { AuthUser } from 'src/common/auth/auth-user';
import { CurrentUser } from 'src/common/auth/decorators';
import { IdParamDto } from 'src/common/dto';
import { ImportLimited } from 'src/common/import-limit.guard';
import { checkedOf } from 'src/web/form-values';
import { confirmFirst } from 'src/web/confirm';
import { Form, Forms, Refusal } from 'src/web/forms';
import { PageAnswer, seeOther } from 'src/web/page-answer';
import { changed, doneKey, Portal, portalPage } from 'src/web/portals/portal-page';
import { uploadedSheet, wanFields } from 'src/web/portals/portal-forms';

/** An entry of one's own list in a portal: an expert's result, an enterprise's need. */
export interface OwnEntry {
  id: string;
  ownerId: string;
}

/** How one portal's list is read, written and shown (the results of an expert, the needs of an enterprise). */
export interface OwnEntriesSpec<E extends OwnEntry> {
  portal: Portal;
  /** The list's section of the navigation, and its path under the portal (`results`, `needs`). */
  section: string;
  /** The entry's name in the templates (`result`, `need`): `<portal>-<entry>-new|edit.hbs`. */
  entry: string;
  /** The API's DTOs of the create and update endpoints. */
  createDto: new () => object;
  updateDto: new () => object;
  /** The form as the DTOs read it, and an entry as its form shows it. */
  input(form: Form): Form;
  formOf(entry: E): Form;
  /** The form's checkbox groups. */
  checkboxes: string[];
  /** What a form typed anew shows (the fields' starting values). */
  blank: Form;
  /** What the editor offers to choose from (the readiness levels, the confidentialities). */
  choices: Record<string, unknown>;
  /** The signed-in owner's entries and one of them; refusing another's as not found. */
  mine(user: AuthUser): Promise<E[]>;
  own(user: AuthUser, id: string): Promise<E>;
  create(user: AuthUser, value: object): Promise<unknown>;
  update(user: AuthUser, id: string, value: object): Promise<unknown>;
  /** Queues an import of the spreadsheet, and reads one of the user's imports back. */
  import(user: AuthUser, sheet: TableFile): Promise<ImportDto>;
  progress(user: AuthUser, id: string): Promise<ImportDto>;
}

/**
 * The pages of one's own list, the same in both portals: the list, a new entry, the editor,
 * publishing, and importing a spreadsheet. A portal's controller extends this at
 * `/<portal>/<section>` with its spec.
 */
export abstract class OwnEntriesPages<E extends OwnEntry> {
  protected abstract readonly spec: OwnEntriesSpec<E>;
  protected abstract readonly forms: Forms;

  private get path(): string {
    return `/${this.spec.portal}/${this.spec.section}`;
  }

  @Get()
  async list(@CurrentUser() user: AuthUser, @Query('done') done: unknown): Promise<PageAnswer> {
    const { portal, section } = this.spec;
    const entries = await this.spec.mine(user);
    return portalPage(portal, section, section, { [section]: entries, done: doneKey(done) });
  }

  @Get('new')
  newEntry(): PageAnswer {
    return this.editor(undefined, this.spec.blank);
  }

  @Post()
  async create(
    @Req() request: FastifyRequest,
    @CurrentUser() user: AuthUser,
    @Body() body: Form,
  ): Promise<PageAnswer> {
    const input = { dto: this.spec.createDto, input: this.spec.input(body) };
    const { refused } = await this.forms.submit(request, input, (value) =>
      this.spec.create(user, value),
    );
    return refused ? this.editor(undefined, body, refused) : changed(this.path, 'created');
  }

  @Get('import')
  importPage(): PageAnswer {
    return this.importView({});
  }

  /** The sheet goes to the worker as an import; its page follows it (or the refusal is shown). */
  @Post('import')
  @ImportLimited()
  async importSheet(
    @Req() request: FastifyRequest,
    @CurrentUser() user: AuthUser,
    @Body() body: unknown,
  ): Promise<PageAnswer> {
    const { value, refused } = await this.forms.attempt(request, () =>
      this.spec.import(user, uploadedSheet(body, request.headers['content-type'])),
    );
    return refused ? this.importView({}, refused) : seeOther(`${this.path}/import/${value.id}`);
  }

  /** An import's progress while it runs (the page's script follows it), then its report. */
  @Get('import/:id')
  async importReport(
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
  ): Promise<PageAnswer> {
    return this.importView({ report: await this.spec.progress(user, params.id) });
  }

  @Get(':id')
  async edit(@CurrentUser() user: AuthUser, @Param() params: IdParamDto): Promise<PageAnswer> {
    const entry = await this.spec.own(user, params.id);
    return this.editor(entry, this.spec.formOf(entry));
  }

  @Post(':id')
  async update(
    @Req() request: FastifyRequest,
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
    @Body() body: Form,
  ): Promise<PageAnswer> {
    const entry = await this.spec.own(user, params.id);
    const input = { dto: this.spec.updateDto, input: this.spec.input(body) };
    const { refused } = await this.forms.submit(request, input, (value) =>
      this.spec.update(user, entry.id, value),
    );
    return refused ? this.editor(entry, body, refused) : changed(this.path, 'saved');
  }

  /** Publishes or unpublishes one's entry (the button posts `published=true|false`). */
  @Post(':id/publish')
  async publish(
    @CurrentUser() user: AuthUser,
    @Param() params: IdParamDto,
    @Body() body: Form,
  ): Promise<PageAnswer> {
    const published = body?.published === 'true';
    // Withdrawing takes it from the public: asked first.
    const ask =
      !published &&
      confirmFirst(body, {
        question: 'confirm.withdrawResult',
        name: typeof body?.who === 'string' ? body.who : '',
        button: 'confirm.withdrawResultButton',
        action: `${this.path}/${params.id}/publish`,
        back: this.path,
      });
    if (ask) return ask;
    await this.spec.update(user, params.id, { published });
    return changed(this.path, published ? 'published' : 'unpublished');
  }

  /** The editor of an entry (a new one when none), showing what was typed and any refusal. */
  private editor(entry: E | undefined, typed: Form, refused?: Refusal): PageAnswer {
    const { portal, section, entry: name, choices } = this.spec;
    // Checkboxes come back as one string or a list: the form shows them ticked either way.
    const boxes = this.spec.checkboxes.map((box): [string, string[]] => [
      box,
      checkedOf(typed[box]),
    ]);
    const form: Form = { ...typed, ...Object.fromEntries(boxes) };
    const shown = refused && { ...refused, fields: wanFields(refused.fields) };
    return portalPage(
      portal,
      `${name}-${entry ? 'edit' : 'new'}`,
      section,
      { ...choices, [name]: entry, form },
      shown,
    );
  }

  private importView(data: { report?: ImportDto }, refused?: Refusal): PageAnswer {
    const { portal, section } = this.spec;
    return portalPage(
      portal,
      'import',
      section,
      { scripts: ['portal-import', 'import-progress'], ...data },
      refused,
    );
  }
}
