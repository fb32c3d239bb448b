import { defineLifecycle } from 'src/common/lifecycle';
import { DealError } from 'src/deals/deals.errors';

/** The stages every intent and deal goes through, or leaves by being dropped with a reason. */
export const STAGES = [
  'intent',
  'contacted',
  'negotiating',
  'signed',
  'landed',
  'dropped',
] as const;
export type Stage = (typeof STAGES)[number];

/** One step forward at a time, or dropped; never back, never skipping. */
const TRANSITIONS: Readonly<Record<Stage, readonly Stage[]>> = {
  intent: ['contacted', 'dropped'],
  contacted: ['negotiating', 'dropped'],
  negotiating: ['signed', 'dropped'],
  signed: ['landed', 'dropped'],
  landed: [],
  dropped: [],
};

export const STAGE_LIFECYCLE = defineLifecycle(STAGES, TRANSITIONS, (moved) =>
  DealError.FOLLOW_UP_INVALID_STAGE(moved),
);
