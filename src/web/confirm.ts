import { Form } from 'src/web/forms';
import { PageView, view } from 'src/web/page-answer';

/** What a destructive action asks before it is done: the question, where it posts, where "no" goes. */
export interface Confirmation {
  /** The text key of the question, its `{{name}}` filled with `name` (the thing's name). */
  question: string;
  name?: string;
  /** The text key of the button that does it. */
  button: string;
  /** Where the confirmed form posts: the action's own address. */
  action: string;
  /** Where "keep it" leads: the page the action was asked from. */
  back: string;
}

/**
 * A destructive action is asked about first, without a script: the form's first POST (without
 * `confirmed=yes`) answers a page that asks, carrying what was posted; its button posts it again,
 * confirmed. Null once confirmed: the action goes ahead.
 */
export function confirmFirst(body: Form, confirmation: Confirmation): PageView | null {
  if (body?.confirmed === 'yes') return null;
  const fields = Object.entries(body ?? {})
    .filter(
      ([name, value]) => name !== '_csrf' && name !== 'confirmed' && typeof value === 'string',
    )
    .map(([name, value]) => ({ name, value: value as string }));
  return view('confirm', { ...confirmation, fields }, { titleKey: 'confirm.title' });
}
