import { FORM_TOKEN_FIELD } from 'src/common/csrf';

const FORM_TAG = /<form\b[^>]*>/gi;
const POSTS = /\bmethod\s*=\s*["']?post\b/i;

/**
 * Every form of a page that posts gets the reader's token as its first field, here in the one
 * place every page passes through, so that no template can forget it. Templates are ours and
 * Handlebars escapes what people typed, so the only `<form` tags are the templates' own.
 */
export function withFormTokens(html: string, token: string): string {
  const field = `<input type="hidden" name="${FORM_TOKEN_FIELD}" value="${token}">`;
  return html.replace(FORM_TAG, (tag) => (POSTS.test(tag) ? `${tag}${field}` : tag));
}
