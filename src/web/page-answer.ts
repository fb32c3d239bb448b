/**
 * What a page handler answers, sent by the PageResponder: a page to render, or the address to go
 * to next. Handlers return these instead of writing the reply, so that one place sets the status,
 * the content type and the page's common data.
 */

/** A page: `templates/pages/<template>.hbs` with its data, titled by a text key or a title. */
export class PageView<T extends object = object> {
  constructor(
    readonly template: string,
    readonly data: T,
    readonly options: { status?: number; titleKey?: string } = {},
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
  options?: { status?: number; titleKey?: string },
): PageView<T> {
  return new PageView(template, data, options);
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
