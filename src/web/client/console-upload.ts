/// <reference lib="dom" />
/**
 * The invitations page's upload: a chosen CSV file goes up as it is (`text/csv`), with a progress
 * bar while it travels (a 10,000-line list takes a moment), and the report the server answers with
 * takes the page's place. Without this script the page still invites from the pasted list.
 */

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
    request.setRequestHeader('content-type', 'text/csv');
    request.setRequestHeader('accept', 'text/html');
    request.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable) progress.value = Math.round((event.loaded / event.total) * 100);
    });
    request.addEventListener('load', () => {
      progress.value = 100;
      showPage(request.responseText);
    });
    // Should the upload fail on the way, the file goes again as the plain form's text.
    request.addEventListener('error', () => {
      void chosen.text().then((text) => {
        const pasted = form.querySelector<HTMLTextAreaElement>('textarea[name=csv]');
        if (pasted) pasted.value = text;
        form.submit();
      });
    });
    request.send(chosen);
  });
}

/** The answer is the whole page with its report: its main part replaces this one's. */
function showPage(html: string): void {
  const answer = new DOMParser().parseFromString(html, 'text/html');
  const main = document.querySelector('main');
  const next = answer.querySelector('main');
  if (!main || !next) return;
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
}

enhance(document);
