/// <reference lib="dom" />
import jsQR from 'jsqr';

/** The same code read again within this time is the same person still in front of the camera. */
const SAME_CODE_MS = 4_000;

/**
 * The rear camera reads the QR codes registrants show (the code itself, as
 * `/api/registrations/:id/qr.svg` draws it) and hands each to `scan`, as a typed code is.
 */
export function startScanner(section: HTMLElement, scan: (code: string) => Promise<void>): void {
  const start = document.getElementById('scan-start') as HTMLButtonElement | null;
  const stop = document.getElementById('scan-stop') as HTMLButtonElement | null;
  const video = document.getElementById('scan-video') as HTMLVideoElement | null;
  const status = document.getElementById('scan-status');
  if (!start || !stop || !video || !status || !navigator.mediaDevices) return;
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
        busy = true;
        // The banner says what happened; the scan says its own refusals.
        scan(code)
          .catch(console.error)
          .finally(() => {
            busy = false;
          });
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
  start.addEventListener('click', () => {
    startCamera().catch(() => say(texts.cameraProblem!));
  });
  stop.addEventListener('click', stopCamera);
  start.hidden = false;
}
