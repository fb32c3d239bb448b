export const EVENT_KINDS = [
  'roadshow',
  'salon',
  'cloud_docking',
  'precise_docking',
  'campus_visit',
  'park_visit',
  'challenge',
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export const EVENT_FORMATS = ['offline', 'online', 'hybrid'] as const;
export type EventFormat = (typeof EVENT_FORMATS)[number];

/** public: anyone registers; invite_only: an invitation is needed; closed_door: invisible to the uninvited. */
export const VISIBILITIES = ['public', 'invite_only', 'closed_door'] as const;
export type Visibility = (typeof VISIBILITIES)[number];

export const QUESTION_KINDS = ['text', 'single_choice', 'multiple_choice'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

/** A custom registration question. */
export interface RegistrationQuestion {
  id: string;
  label: string;
  kind: QuestionKind;
  options: string[];
  required: boolean;
}
