/// <reference lib="dom" />
/**
 * The registrants' export, with a progress bar: the file is fetched (with the session cookie), its
 * bytes counted as they arrive, then saved under the name the server gives. An error answer
 * (`{ code, message }`) is shown beside the bar, never swallowed. Without this script the links
 * download the file as they are.
 */
import { jsonProblem, showProblem } from './upload-answer';

/** An export the server refused, with its message. */
class Refused extends Error {}

const box = document.querySelector<HTMLElement>('[data-export-progress]');
const progress = document.querySelector<HTMLProgressElement>('#export-progress');

/** The file name of an attachment, from its content-disposition header. */
function fileNameOf(response: Response, fallback: string): string {
  const disposition = response.headers.get('content-disposition') ?? '';
  return /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? fallback;
}

async function download(link: HTMLAnchorElement): Promise<void> {
  if (!box || !progress) return;
  box.hidden = false;
  progress.value = 0;
  const response = await fetch(link.href, { credentials: 'same-origin' });
  if (!response.ok) {
    const problem = jsonProblem(response.headers.get('content-type'), await response.text());
    throw problem === undefined
      ? new Error(`export answered ${response.status}`)
      : new Refused(problem);
  }
  if (!response.body) throw new Error('export without a body');
  const total = Number(response.headers.get('content-length') ?? 0);
  // Without a length the bar shows work going on rather than a share.
  if (total === 0) progress.removeAttribute('value');
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    received += value.length;
    if (total > 0) progress.value = Math.round((received / total) * 100);
  }
  progress.value = 100;
  const blob = new Blob(chunks, { type: response.headers.get('content-type') ?? undefined });
  const url = URL.createObjectURL(blob);
  const save = document.createElement('a');
  save.href = url;
  save.download = fileNameOf(response, link.href.split('/').pop() ?? 'export');
  document.body.append(save);
  save.click();
  save.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

document.querySelectorAll<HTMLAnchorElement>('a[data-export]').forEach((link) => {
  link.addEventListener('click', (click: MouseEvent) => {
    click.preventDefault();
    // A refusal is said; should the fetch itself fail, the plain link still downloads the file.
    download(link).catch((error: unknown) => {
      if (error instanceof Refused && box) showProblem(box, error.message);
      else window.location.href = link.href;
    });
  });
});
