/**
 * The order in which the folders of `src/` may depend on each other, written down once. A folder
 * imports from its own layer and the layers before it, never from a later one: a feature does not
 * reach up to what builds on it (deals do not call the statistics; the statistics listen).
 * `dependency-order.spec.ts` checks every import against it in `npm test`.
 */
export const LAYERS: readonly (readonly string[])[] = [
  ['config', 'common', 'database', 'queue'],
  ['notifications', 'identity', 'audit', 'access', 'privacy', 'imports'],
  ['events'],
  ['registrations', 'invitations', 'calendar'],
  ['catalog', 'matching'],
  ['agenda', 'roadshows', 'docking', 'challenges'],
  ['deals'],
  ['live'],
  ['stats'],
  ['backfill'],
  ['personal-data'],
  ['ops'],
  ['web'],
];

/**
 * Files allowed to import from later layers, each for a reason that holds for that file alone.
 * Nothing else is an exception.
 */
export const EXCEPTIONS: Readonly<Record<string, string>> = {
  // The one list of entities TypeORM loads: it names every feature's tables.
  'src/database/entities.ts': '*',
  // The signed-in caller carries its platform roles; the roles are identity's words.
  'src/common/auth/auth-user.ts': 'identity',
  'src/common/auth/decorators.ts': 'identity',
};

/** The layer of a folder of `src/`, or undefined for the entry points at its root. */
export function layerOf(folder: string): number | undefined {
  const index = LAYERS.findIndex((layer) => layer.includes(folder));
  return index === -1 ? undefined : index;
}

/**
 * Whether `file` (a path under `src/`) may import from the folder `to`: the entry points at the
 * root of `src/` may import anything; a folder not in the order may not be imported at all.
 */
export function mayImport(file: string, to: string): boolean {
  const from = file.split('/')[1];
  if (!file.slice('src/'.length).includes('/')) return true;
  if (from === to) return true;
  const exception = EXCEPTIONS[file];
  if (exception === '*' || exception === to) return true;
  const fromLayer = layerOf(from);
  const toLayer = layerOf(to);
  return fromLayer !== undefined && toLayer !== undefined && toLayer <= fromLayer;
}
