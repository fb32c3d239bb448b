import { Page } from 'playwright-core';

/** A chart's table for screen readers: its rows, each label with its values. */
export async function chartRows(page: Page, title: string): Promise<[string, string[]][]> {
  const figure = page.locator('figure.chart', {
    has: page.locator('figcaption', { hasText: title }),
  });
  return figure
    .locator('table tbody tr')
    .evaluateAll((rows) =>
      rows.map((row): [string, string[]] => [
        row.querySelector('th')!.textContent!.trim(),
        Array.from(row.querySelectorAll('td')).map((td) => td.textContent!.trim()),
      ]),
    );
}

/**
 * Every chart's text as the reader sees it: its size on the screen (the SVG's px scaled as the
 * page draws it) at least 12 px, and each label inside the chart, none cut off; every chart
 * fits the screen.
 */
export async function expectReadableCharts(page: Page): Promise<void> {
  const problems = await page.locator('figure.chart svg').evaluateAll((svgs) =>
    svgs.flatMap((svg) => {
      const box = svg.getBoundingClientRect();
      const scale = box.width / (svg as SVGSVGElement).viewBox.baseVal.width;
      return Array.from(svg.querySelectorAll('text')).flatMap((text) => {
        const shown = parseFloat(text.getAttribute('font-size') ?? '0') * scale;
        const r = text.getBoundingClientRect();
        const out =
          r.left < box.left - 1 ||
          r.right > box.right + 1 ||
          r.top < box.top - 1 ||
          r.bottom > box.bottom + 1;
        return [
          ...(shown < 12 ? [`${text.textContent}: ${shown.toFixed(1)} px`] : []),
          ...(out ? [`${text.textContent}: cut off`] : []),
        ];
      });
    }),
  );
  expect(problems).toEqual([]);
  await expect(page.locator('figure.chart svg').count()).resolves.toBeGreaterThan(0);
  // Each chart fits the screen, whole: no chart runs off it or scrolls within its card.
  const overflowing = await page.locator('figure.chart').evaluateAll((figures) =>
    figures
      .filter((figure) => {
        const frame = figure.querySelector('.chart-frame')!;
        return (
          figure.getBoundingClientRect().right > window.innerWidth + 1 ||
          frame.scrollWidth > frame.clientWidth + 1
        );
      })
      .map((figure) => figure.querySelector('figcaption')!.textContent),
  );
  expect(overflowing).toEqual([]);
}
