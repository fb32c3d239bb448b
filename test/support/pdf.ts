import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Browser } from 'playwright-core';

const PDFJS = join(dirname(require.resolve('pdfjs-dist/package.json')));
const ORIGIN = 'http://pdf.test';

/** pdf.js in the page: the first page drawn on the canvas, and its text. */
const READ_FIRST_PAGE = `(async () => {
  const pdfjs = await import('${ORIGIN}/build/pdf.min.mjs');
  pdfjs.GlobalWorkerOptions.workerSrc = '${ORIGIN}/build/pdf.worker.min.mjs';
  const doc = await pdfjs.getDocument({
    url: '${ORIGIN}/file.pdf',
    cMapUrl: '${ORIGIN}/cmaps/',
    cMapPacked: true,
    standardFontDataUrl: '${ORIGIN}/standard_fonts/',
  }).promise;
  const page = await doc.getPage(1);
  const viewport = page.getViewport({ scale: 1.5 });
  const canvas = document.getElementById('page');
  canvas.width = viewport.width;
  canvas.height = viewport.height;
  await page.render({ canvasContext: canvas.getContext('2d'), viewport }).promise;
  const content = await page.getTextContent();
  return { pages: doc.numPages, text: content.items.map((item) => item.str ?? '').join('') };
})()`;

/**
 * Opens a PDF with pdf.js in Chromium (served from node_modules through a routed origin): the text
 * of its first page, its number of pages, and a screenshot of the first page saved at `screenshot`.
 */
export async function readPdfFirstPage(
  browser: Browser,
  pdf: Buffer,
  screenshot: string,
): Promise<{ pages: number; text: string }> {
  const page = await browser.newPage();
  try {
    await page.route(`${ORIGIN}/**`, (route) => {
      const path = new URL(route.request().url()).pathname.slice(1);
      if (path === 'index.html')
        return route.fulfill({ contentType: 'text/html', body: '<canvas id="page"></canvas>' });
      if (path === 'file.pdf') return route.fulfill({ contentType: 'application/pdf', body: pdf });
      const contentType = path.endsWith('.mjs') ? 'text/javascript' : 'application/octet-stream';
      return route.fulfill({ contentType, path: join(PDFJS, path) });
    });
    await page.goto(`${ORIGIN}/index.html`);
    const read = await page.evaluate<{ pages: number; text: string }>(READ_FIRST_PAGE);
    mkdirSync(dirname(screenshot), { recursive: true });
    await page.locator('#page').screenshot({ path: screenshot });
    return read;
  } finally {
    await page.close();
  }
}
