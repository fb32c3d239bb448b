import { Refusal } from 'src/web/forms';

/**
 * What a page handler answers, sent by the PageResponder: a page to render, or the address to go
 * to next. Handlers return these instead of writing the reply, so that one place sets the status,
 * the content type and the page's common data.
 */

/** A page's status (200 unless given) and its title: the text `titleKey`, filled with `titleValues`. */
export interface ViewOptions {
  status?: number;
  /** Seconds the reader is asked to wait before trying again (`Retry-After`, with a 429). */
  retryAfterSeconds?: number;
  titleKey?: string;
  titleValues?: Record<string, string | number>;
}

/** A page: `templates/pages/<template>.hbs` with its data, titled by a text key or a title. */
export class PageView<T extends object = object> {
  constructor(
    readonly template: string,
    readonly data: T,
    readonly options: ViewOptions = {},
  ) {}
}

/** Where the reader goes next (303 See Other: the browser follows it with a GET). */
export class Redirect {
  constructor(readonly location: string) {}
}

export type PageAnswer = PageView | Redirect;

export function view<T extends object>(
  template: string,
  data: T,
  options?: ViewOptions,
): PageView<T> {
  return new PageView(template, data, options);
}

/**
 * A page with a form: shown anew, or again with what was typed and the refusal (the message above
 * the form, the problems beside the fields) under the refusal's status.
 */
export function formPage<T extends object>(
  template: string,
  title: Omit<ViewOptions, 'status' | 'retryAfterSeconds'>,
  data: T,
  refused?: Refusal,
): PageView {
  const { status, retryAfterSeconds } = refused ?? {};
  return view(template, { ...refused, ...data }, { ...title, status, retryAfterSeconds });
}

export function redirect(location: string): Redirect {
  return new Redirect(location);
}

/**
 * Post/Redirect/Get: back to the page at `path` with the notice `?done=<what>` (and any other query
 * values given), so that reloading it does not send the form again.
 */
export function seeOther(
  path: string,
  done?: string,
  more: Record<string, string | undefined> = {},
): Redirect {
  const query = new URLSearchParams(done ? { done } : {});
  for (const [key, value] of Object.entries(more)) if (value) query.set(key, value);
  const text = query.toString();
  return new Redirect(text ? `${path}?${text}` : path);
}
