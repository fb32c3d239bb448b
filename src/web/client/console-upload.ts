/// <reference lib="dom" />
/**
 * The invitations page's upload: a chosen CSV or XLSX file goes up as it is, its bytes untouched
 * (the server reads UTF-8, GBK or GB18030 and workbooks), with a progress bar while it travels; the
 * list is then imported in the background and the answer is the page that follows it (or the page
 * again with what was refused). An answer that is not a page (a JSON error) or a failed upload is
 * shown above the form and the bar stops. Without this script the page still invites from the
 * pasted list.
 */
import { failedText, jsonProblem, showProblem } from './upload-answer';

const WORKBOOK = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function enhance(root: ParentNode): void {
  const form = root.querySelector<HTMLFormElement>('form[data-upload-form]');
  const fileField = root.querySelector<HTMLElement>('[data-upload-file]');
  const file = root.querySelector<HTMLInputElement>('#csv-file');
  const progressBox = root.querySelector<HTMLElement>('[data-upload-progress]');
  const progress = root.querySelector<HTMLProgressElement>('#upload-progress');
  if (!form || !fileField || !file || !progressBox || !progress) return;
  fileField.hidden = false;
  form.addEventListener('submit', (submit) => {
    const chosen = file.files?.[0];
    if (!chosen) return; // the pasted list goes as the plain form
    submit.preventDefault();
    progressBox.hidden = false;
    progress.value = 0;
    const request = new XMLHttpRequest();
    request.open('POST', form.action);
    const type = chosen.name.toLowerCase().endsWith('.xlsx') ? WORKBOOK : 'text/csv';
    request.setRequestHeader('content-type', type);
    request.setRequestHeader('accept', 'text/html');
    // The form's token goes as a header: the body is the file itself.
    const token = form.querySelector<HTMLInputElement>('input[name=_csrf]')?.value ?? '';
    request.setRequestHeader('x-csrf-token', token);
    request.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable) progress.value = Math.round((event.loaded / event.total) * 100);
    });
    request.addEventListener('load', () => {
      // Redirected to the import's page, which follows the import.
      if (request.responseURL && request.responseURL !== form.action)
        return window.location.assign(request.responseURL);
      const problem = jsonProblem(request.getResponseHeader('content-type'), request.responseText);
      if (problem !== undefined || !showPage(request.responseText))
        return showProblem(form, problem ?? failedText(form));
      progress.value = 100;
    });
    // The upload failed on the way: said so, and the bar stays where it stopped.
    request.addEventListener('error', () => showProblem(form, failedText(form)));
    request.send(chosen);
  });
}

/** The answer is the whole page with its report: its main part replaces this one's. */
function showPage(html: string): boolean {
  const answer = new DOMParser().parseFromString(html, 'text/html');
  const main = document.querySelector('main');
  const next = answer.querySelector('main');
  if (!main || !next) return false;
  main.replaceWith(next);
  enhance(next);
  // The bar stays full beside the report: the upload went through.
  const box = next.querySelector<HTMLElement>('[data-upload-progress]');
  const bar = next.querySelector<HTMLProgressElement>('#upload-progress');
  if (box && bar) {
    box.hidden = false;
    bar.value = 100;
  }
  document.getElementById('upload-report')?.scrollIntoView();
  return true;
}

enhance(document);
