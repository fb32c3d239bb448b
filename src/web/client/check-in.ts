/// <reference lib="dom" />
import jsQR from 'jsqr';

/**
 * The check-in page at the door: the counter refreshes itself, and the rear camera reads the QR
 * codes registrants show (the code itself, as `/api/registrations/:id/qr.svg` draws it), checking
 * each one in through the API with the page's session cookie and saying what happened.
 */

const REFRESH_MS = 5_000;
/** The same code read again within this time is the same person still in front of the camera. */
const SAME_CODE_MS = 4_000;

interface ApiProblem {
  message?: string;
}

interface Attendance {
  checkedIn: number;
  confirmed: number;
  bySector: { sector: string; checkedIn: number; confirmed: number }[];
}

function apiHeaders(): HeadersInit {
  // The API answers in the page's language, which the reader may have chosen over the browser's.
  return { 'content-type': 'application/json', 'accept-language': document.documentElement.lang };
}

async function refreshCounter(section: HTMLElement): Promise<void> {
  const response = await fetch(section.dataset.attendanceUrl!, {
    headers: apiHeaders(),
    credentials: 'same-origin',
  });
  if (!response.ok) return;
  const attendance = (await response.json()) as Attendance;
  const set = (selector: string, value: number) => {
    const cell = section.querySelector(selector);
    if (cell) cell.textContent = String(value);
  };
  set('[data-count="checkedIn"]', attendance.checkedIn);
  set('[data-count="confirmed"]', attendance.confirmed);
  for (const row of attendance.bySector) {
    set(`[data-sector-checked-in="${row.sector}"]`, row.checkedIn);
    set(`[data-sector-confirmed="${row.sector}"]`, row.confirmed);
  }
}

function startCounter(): (() => Promise<void>) | undefined {
  const section = document.querySelector<HTMLElement>('[data-attendance-url]');
  if (!section) return undefined;
  const refresh = () => refreshCounter(section).catch(() => undefined);
  setInterval(() => void refresh(), REFRESH_MS);
  return refresh;
}

function startScanner(refreshCounter: () => Promise<void>): void {
  const section = document.querySelector<HTMLElement>('[data-check-in-url]');
  const start = document.getElementById('scan-start') as HTMLButtonElement | null;
  const stop = document.getElementById('scan-stop') as HTMLButtonElement | null;
  const video = document.getElementById('scan-video') as HTMLVideoElement | null;
  const status = document.getElementById('scan-status');
  if (!section || !start || !stop || !video || !status || !navigator.mediaDevices) return;
  const texts = section.dataset;
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d', { willReadFrequently: true })!;
  let stream: MediaStream | undefined;
  let lastCode = '';
  let lastCodeAt = 0;
  let busy = false;

  const say = (text: string) => {
    status.textContent = text;
  };

  const checkIn = async (code: string) => {
    busy = true;
    try {
      const response = await fetch(texts.checkInUrl!, {
        method: 'POST',
        headers: apiHeaders(),
        credentials: 'same-origin',
        body: JSON.stringify({ code }),
      });
      const body = (await response.json().catch(() => ({}))) as { name?: string } & ApiProblem;
      say(
        response.ok
          ? texts.doneText!.replace('{name}', body.name ?? '')
          : (body.message ?? texts.refusedText!),
      );
      if (response.ok) await refreshCounter();
    } catch {
      say(texts.refusedText!);
    } finally {
      busy = false;
    }
  };

  const readFrame = () => {
    if (!stream) return;
    if (!busy && video.readyState >= video.HAVE_ENOUGH_DATA) {
      canvas.width = video.videoWidth;
      canvas.height = video.videoHeight;
      context.drawImage(video, 0, 0, canvas.width, canvas.height);
      const image = context.getImageData(0, 0, canvas.width, canvas.height);
      const found = jsQR(image.data, image.width, image.height, {
        inversionAttempts: 'dontInvert',
      });
      const code = found?.data.trim();
      const now = Date.now();
      if (code && (code !== lastCode || now - lastCodeAt > SAME_CODE_MS)) {
        lastCode = code;
        lastCodeAt = now;
        void checkIn(code);
      }
    }
    requestAnimationFrame(readFrame);
  };

  const stopCamera = () => {
    stream?.getTracks().forEach((track) => track.stop());
    stream = undefined;
    video.hidden = true;
    stop.hidden = true;
    start.hidden = false;
  };

  const startCamera = async () => {
    try {
      stream = await navigator.mediaDevices.getUserMedia({
        video: { facingMode: { ideal: 'environment' } },
        audio: false,
      });
    } catch {
      say(texts.cameraProblem!);
      return;
    }
    video.srcObject = stream;
    video.hidden = false;
    start.hidden = true;
    stop.hidden = false;
    await video.play();
    say(texts.scanningText!);
    requestAnimationFrame(readFrame);
  };
  start.addEventListener('click', () => void startCamera());
  stop.addEventListener('click', stopCamera);
  start.hidden = false;
}

const refresh = startCounter();
startScanner(refresh ?? (() => Promise.resolve()));
