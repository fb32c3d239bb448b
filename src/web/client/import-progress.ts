/// <reference lib="dom" />
/**
 * Follows an import that is running (`[data-import-job]`, status queued or running): asks the API
 * how far it got every half second, moves the bar and the count, and shows the page again once it
 * is done, with its report. An error answer (`{ code, message }`: signed out, the import gone) is
 * shown beside the bar and the following stops; a network hiccup is tried again. Without this
 * script the page's link looks again by hand.
 */
import { jsonProblem, showProblem } from './upload-answer';

interface ImportState {
  status: string;
  processed: number;
  percent: number;
}

function follow(box: HTMLElement): void {
  const id = box.dataset.importJob;
  if (!id || !['queued', 'running'].includes(box.dataset.status ?? '')) return;
  const bar = box.querySelector<HTMLProgressElement>('progress');
  const processed = box.querySelector<HTMLElement>('[data-import-processed]');
  const stop = (message: string) => {
    box.dataset.status = 'stopped';
    showProblem(bar ?? box, message);
  };
  const look = (): void => {
    fetch(`/api/imports/${id}`, { headers: { accept: 'application/json' } })
      .then(async (response) => {
        if (response.ok) return (await response.json()) as ImportState;
        const text = await response.text();
        stop(
          jsonProblem(response.headers.get('content-type'), text) ??
            `${box.dataset.importFailed ?? ''} (HTTP ${response.status})`,
        );
        return undefined;
      })
      .then((state) => {
        if (!state) return;
        if (bar) bar.value = state.percent;
        if (processed) processed.textContent = String(state.processed);
        if (state.status === 'done' || state.status === 'failed') window.location.reload();
        else window.setTimeout(look, 500);
      })
      // A network hiccup: look again a little later.
      .catch(() => window.setTimeout(look, 2000));
  };
  window.setTimeout(look, 300);
}

document.querySelectorAll<HTMLElement>('[data-import-job]').forEach(follow);
