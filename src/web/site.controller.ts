import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from 'src/common/auth/decorators';
import { CommonError } from 'src/common/errors/common.errors';
import { PageRenderer } from 'src/web/page-renderer';

/** The site's mark: 对 (docking) on the brand's blue, drawn without a font. */
const FAVICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#0b5cad"/><path d="M8 11h7l-3.5 5L15 21H8m9-10h7m-3.5 0v12" fill="none" stroke="#fff" stroke-width="2.6" stroke-linecap="round" stroke-linejoin="round"/></svg>`;

/** Addresses that are not pages: an unknown one of them answers JSON, as the API does. */
const NOT_PAGES = /^\/(api|assets|health|metrics)(\/|\?|$)/;

/**
 * The site's icon, and the answer to an address no route knows: a page in the reader's language
 * (404, with the way home) for a page's address; JSON (the API's 404) under /api and for files.
 * Fastify matches every known route before this wildcard, whatever the order they were added in.
 */
@ApiExcludeController()
@Public()
@Controller()
export class SiteController {
  constructor(private readonly pages: PageRenderer) {}

  @Get('favicon.svg')
  favicon(@Res() reply: FastifyReply): void {
    reply
      .header('content-type', 'image/svg+xml')
      .header('cache-control', 'public, max-age=86400')
      .send(FAVICON);
  }

  /** Browsers ask for /favicon.ico by themselves. */
  @Get('favicon.ico')
  faviconIco(@Res() reply: FastifyReply): void {
    reply.redirect('/favicon.svg', 301);
  }

  @Get('*')
  notFound(@Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    if (NOT_PAGES.test(request.url)) throw CommonError.NOT_FOUND();
    const context = this.pages.context(request);
    this.pages.send(
      reply,
      request,
      'error',
      {
        title: this.pages.text(context, 'error.notFoundTitle'),
        heading: this.pages.text(context, 'error.notFoundTitle'),
        message: this.pages.text(context, 'error.notFound'),
      },
      404,
    );
  }
}
