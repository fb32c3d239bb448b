import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { build } from 'esbuild';
import { FastifyReply } from 'fastify';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Public } from 'src/common/auth/decorators';
import { CommonError } from 'src/common/errors/common.errors';
import { PROJECT_ROOT } from 'src/common/paths';
import { Stylesheet } from 'src/web/stylesheet';

/** The pages' scripts: `src/web/client/<name>.ts`, with what it imports, as one browser file. */
export const CLIENT_DIR = join(PROJECT_ROOT, 'src', 'web', 'client');

/**
 * Serves `/assets/<name>.js`, bundled by esbuild on the first request and kept for the process's
 * life (a few tens of milliseconds once; no build step for a developer or the image to forget),
 * and the site's stylesheet under its content-named path.
 */
@ApiExcludeController()
@Public()
@Controller('assets')
export class AssetsController {
  private readonly bundles = new Map<string, Promise<string>>();

  constructor(private readonly stylesheet: Stylesheet) {}

  @Get(':file')
  async asset(@Param('file') file: string, @Res() reply: FastifyReply): Promise<void> {
    if (`/assets/${file}` === this.stylesheet.path) {
      // Its name changes with its content: a browser may keep it for good.
      reply
        .header('content-type', 'text/css; charset=utf-8')
        .header('cache-control', 'public, max-age=31536000, immutable')
        .send(this.stylesheet.css);
      return;
    }
    const name = /^([a-z][a-z-]*)\.js$/.exec(file)?.[1];
    if (!name || !existsSync(join(CLIENT_DIR, `${name}.ts`)))
      throw CommonError.NOT_FOUND({ asset: file });
    let bundle = this.bundles.get(name);
    if (!bundle) {
      bundle = bundleOf(name);
      this.bundles.set(name, bundle);
    }
    reply
      .header('content-type', 'text/javascript; charset=utf-8')
      .header('cache-control', 'public, max-age=3600')
      .send(await bundle);
  }
}

async function bundleOf(name: string): Promise<string> {
  const result = await build({
    entryPoints: [join(CLIENT_DIR, `${name}.ts`)],
    bundle: true,
    write: false,
    minify: true,
    format: 'iife',
    target: ['chrome100', 'safari15', 'firefox100'],
    logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}
