/// <reference lib="dom" />
/**
 * What the upload scripts do with an answer that is not the next page: a JSON error (the upload
 * refused before the page could answer, an import that cannot be followed) or a network failure is
 * shown as an alert where the form is, in the reader's language, and the progress stops there. An
 * error is never swallowed.
 */

/** The error's message of a JSON answer (`{ code, message }`), else undefined. */
export function jsonProblem(contentType: string | null, body: string): string | undefined {
  if (!contentType?.includes('json')) return undefined;
  try {
    const parsed = JSON.parse(body) as { message?: unknown; code?: unknown };
    if (typeof parsed.message === 'string')
      return typeof parsed.code === 'string'
        ? `${parsed.message} (${parsed.code})`
        : parsed.message;
  } catch {
    // not JSON after all: the caller's general message
  }
  return undefined;
}

/**
 * Shows `message` in an alert just before `place` (one per place, replaced when shown again) and
 * moves the focus to it, so that a screen reader says it too.
 */
export function showProblem(place: HTMLElement, message: string): void {
  const id = `${place.id || 'upload'}-problem`;
  let alert = document.getElementById(id);
  if (!alert) {
    alert = document.createElement('p');
    alert.id = id;
    alert.className = 'alert';
    alert.setAttribute('role', 'alert');
    alert.tabIndex = -1;
    alert.dataset.uploadProblem = '';
    place.before(alert);
  }
  alert.textContent = message;
  alert.focus();
}

/** The text a page gave for a failure without an answer (`data-upload-failed` on `form`). */
export function failedText(element: HTMLElement): string {
  return (
    element.closest<HTMLElement>('[data-upload-failed]')?.dataset.uploadFailed ??
    '上传未完成，请重试 / The upload did not finish: please try again'
  );
}
