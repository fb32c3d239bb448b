import { defineLifecycle } from 'src/common/lifecycle';
import { LiveError } from 'src/live/live.errors';

export const QUESTION_STATUSES = ['pending', 'approved', 'rejected', 'answered'] as const;
export type QuestionStatus = (typeof QUESTION_STATUSES)[number];

/**
 * Moderated Q&A as a pure transition table: viewers ask (pending), organizers approve or reject,
 * presenters or organizers mark an approved question answered.
 */
const TRANSITIONS: Readonly<Record<QuestionStatus, readonly QuestionStatus[]>> = {
  pending: ['approved', 'rejected'],
  approved: ['answered', 'rejected'],
  rejected: [],
  answered: [],
};

export const QUESTION_LIFECYCLE = defineLifecycle(QUESTION_STATUSES, TRANSITIONS, (moved) =>
  LiveError.LIVE_QUESTION_INVALID_TRANSITION(moved),
);
