import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

function findProjectRoot(start: string): string {
  let dir = start;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`package.json not found above ${start}`);
    dir = parent;
  }
  return dir;
}

/** The folder holding package.json, whether we run from `src/` (ts-node, Jest) or from `dist/`. */
export const PROJECT_ROOT = findProjectRoot(__dirname);
export const TEMPLATES_DIR = join(PROJECT_ROOT, 'templates');
