/// <reference lib="dom" />
/**
 * Sends the chosen spreadsheet itself (CSV or XLSX, as the import reads it) instead of the form's
 * fields, and shows the report the server answers with. Without this script the pasted CSV is sent.
 */
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

document.querySelectorAll<HTMLFormElement>('form.portal-import').forEach((form) => {
  form.addEventListener('submit', (event) => {
    const file = form.querySelector<HTMLInputElement>('input[type=file]')?.files?.[0];
    if (!file) return;
    event.preventDefault();
    const type = file.name.toLowerCase().endsWith('.xlsx') ? XLSX : 'text/csv';
    void fetch(form.action, { method: 'POST', headers: { 'content-type': type }, body: file })
      .then((response) => response.text())
      .then((html) => {
        const page = new DOMParser().parseFromString(html, 'text/html');
        document.querySelector('main')?.replaceWith(page.querySelector('main')!);
        document.querySelector<HTMLElement>('#report-title, .alert')?.focus();
      });
  });
});
