/// <reference lib="dom" />
/**
 * Sends the chosen spreadsheet itself (CSV in UTF-8 or GBK, or XLSX: its bytes untouched, as the
 * import reads them) instead of the form's fields. The import runs in the background: the answer
 * is its page (which follows it), or the form again with what was refused; a JSON error or a failed
 * upload is shown above the form. Without this script the pasted CSV is sent.
 */
import { failedText, jsonProblem, showProblem } from './upload-answer';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

document.querySelectorAll<HTMLFormElement>('form.portal-import').forEach((form) => {
  form.addEventListener('submit', (event) => {
    const file = form.querySelector<HTMLInputElement>('input[type=file]')?.files?.[0];
    if (!file) return;
    event.preventDefault();
    const type = file.name.toLowerCase().endsWith('.xlsx') ? XLSX : 'text/csv';
    // The form's token goes as a header: the body is the file itself.
    const token = form.querySelector<HTMLInputElement>('input[name=_csrf]')?.value ?? '';
    fetch(form.action, {
      method: 'POST',
      headers: { 'content-type': type, 'x-csrf-token': token, accept: 'text/html' },
      body: file,
    })
      .then(async (response) => {
        if (response.redirected) return window.location.assign(response.url);
        const text = await response.text();
        const problem = jsonProblem(response.headers.get('content-type'), text);
        const next = new DOMParser().parseFromString(text, 'text/html').querySelector('main');
        if (problem !== undefined || !next) return showProblem(form, problem ?? failedText(form));
        document.querySelector('main')?.replaceWith(next);
        document.querySelector<HTMLElement>('.alert')?.focus();
      })
      .catch(() => showProblem(form, failedText(form)));
  });
});
