import { Refusal } from 'src/web/forms';
import { PageView, view } from 'src/web/page-answer';

/**
 * A page with a form: shown anew, or again with what was typed and the refusal (the message above
 * the form, the problems beside the fields) under the refusal's status.
 */
export function formPage<T extends object>(
  template: string,
  titleKey: string | undefined,
  data: T,
  refused?: Refusal,
): PageView {
  return view(template, { ...refused, ...data }, { status: refused?.status, titleKey });
}
