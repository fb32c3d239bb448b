import { defineLifecycle } from 'src/common/lifecycle';
import { ImportError } from 'src/imports/imports.errors';

export const IMPORT_STATUSES = ['queued', 'running', 'done', 'failed'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

/**
 * An import waits for the worker, runs batch after batch (a run taken over after a crash stays
 * running), and ends done, or failed when its batches kept failing.
 */
export const IMPORT_LIFECYCLE = defineLifecycle<ImportStatus>(
  IMPORT_STATUSES,
  {
    queued: ['running', 'failed'],
    running: ['running', 'done', 'failed'],
    done: [],
    failed: [],
  },
  (details) => ImportError.IMPORT_INVALID_TRANSITION(details),
);
