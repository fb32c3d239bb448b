import * as echarts from 'echarts';

/**
 * The pages' and the printed report's charts, drawn on the server by Apache ECharts' SVG renderer
 * (the chart library Chinese readers know), so that they need no script, print, and read the same
 * in every browser. The `chart` partial puts the SVG beside a table of the same figures for screen
 * readers.
 *
 * Drawn 320 px wide — as wide as a 390 px phone leaves a card — with 12 px text: the page lets a
 * chart grow (never shrink), so its text is never smaller than 12 px. Every label has room (the
 * grid keeps the axis labels in, the values' room is measured), so none is cut off.
 */

/** One bar: what it counts, how many, and the value as read (its unit, 万元 …). */
export interface Bar {
  label: string;
  value: number;
  text?: string;
}

/** A set of figures over the same categories, as one colour of a stacked or trend chart. */
export interface Series {
  name: string;
  values: number[];
}

/** A chart as the `chart` partial draws it: the SVG, and its figures as rows for the table. */
export interface Chart {
  title: string;
  svg: string;
  /** The table's column heads after the first (one per series). */
  columns: string[];
  rows: { label: string; values: string[] }[];
  /** What the chart counts and how, under its title (a map's "schematic"). */
  note?: string;
}

/** The logical width (px) and the text size every chart is drawn at. */
export const CHART_WIDTH = 320;
export const CHART_FONT = 12;
const ROW = 30;
/** No quotes: the family becomes an attribute of the SVG (see withoutInlineStyles). */
const FONT_FAMILY = 'system-ui, sans-serif';
/** The site's brand blue first, then colours told apart by people with colour-blindness too. */
const PALETTE = ['#0b5cad', '#e07b00', '#2e8540', '#8a3ab9', '#b3261e', '#00838f', '#6d4c41'];
export const INK = '#1d2330';
const MUTED = '#4f5868';

export const plain = (n: number) => n.toLocaleString('en');

/**
 * A width no smaller than a label's on the screen at 12 px: CJK characters a full em, the rest
 * two thirds of one (wider than most fonts draw them). ECharts measures text without a browser on
 * the server, by a narrower table, so the charts lay labels out by this measure instead.
 */
export function textWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += /[\u2E80-\uFFEF]/.test(ch) ? CHART_FONT : CHART_FONT * 0.67;
  return Math.ceil(width);
}

/** A label broken into lines no wider than `room`: at spaces between words, or between CJK characters. */
export function wrapLabel(label: string, room: number): string[] {
  const pieces = label.match(/[\u2E80-\uFFEF]|[^\s\u2E80-\uFFEF]+\s*|\s+/g) ?? [];
  const lines: string[] = [];
  let line = '';
  for (const piece of pieces) {
    if (line && textWidth((line + piece).trimEnd()) > room) {
      lines.push(line.trimEnd());
      line = piece.trimStart();
    } else line += piece;
  }
  if (line.trim()) lines.push(line.trimEnd());
  return lines.length > 0 ? lines : [''];
}

/** The option drawn as SVG, `height` px high, in the charts' font, text size and colours. */
export function render(option: echarts.EChartsOption, height: number): string {
  const chart = echarts.init(null, null, {
    renderer: 'svg',
    ssr: true,
    width: CHART_WIDTH,
    height,
  });
  try {
    chart.setOption({
      animation: false,
      color: PALETTE,
      textStyle: { fontFamily: FONT_FAMILY, fontSize: CHART_FONT, color: INK },
      ...option,
    });
    return withoutInlineStyles(chart.renderToSVGString());
  } finally {
    chart.dispose();
  }
}

/**
 * The pages' content security policy refuses inline styles: ECharts' `style="font-size:12px;…"`
 * become the SVG's own presentation attributes (which it allows), and its `<style>` block (a hover
 * effect only) goes. The table beside the chart is what screen readers read: the SVG is hidden
 * from them.
 */
export function withoutInlineStyles(svg: string): string {
  return svg
    .replace(/<style[\s\S]*?<\/style>/g, '')
    .replace(/ style="([^"]*)"/g, (_, declarations: string) =>
      declarations
        .split(';')
        .map((d) => d.split(':').map((part) => part.trim()))
        .filter(([name, value]) => name && value && /^[a-z-]+$/.test(name))
        .map(([name, value]) => ` ${name}="${value.replace(/"/g, '')}"`)
        .join(''),
    )
    .replace('<svg ', '<svg aria-hidden="true" focusable="false" ');
}

/**
 * Horizontal bars, one row per bar, each with its value (and unit) at its end: the labels at the
 * left wrap rather than run out of the chart, the values have the room their longest one needs.
 */
/** A bar's value as read beside it: its text, or the number. */
export const barText = (bar: Bar): string => bar.text ?? plain(bar.value);

export function barChart(title: string, bars: readonly Bar[]): Chart {
  const texts = bars.map(barText);
  const valueRoom = Math.max(CHART_FONT * 2, ...texts.map(textWidth)) + 10;
  // The labels' room: what the longest needs, up to two fifths of the chart; longer ones wrap.
  const labelRoom = Math.min(
    Math.round(CHART_WIDTH * 0.4),
    Math.max(CHART_FONT * 2, ...bars.map((b) => textWidth(b.label))),
  );
  const labels = bars.map((b) => wrapLabel(b.label, labelRoom));
  const lines = Math.max(1, ...labels.map((l) => l.length));
  const row = Math.max(ROW, lines * (CHART_FONT + 3) + 8);
  const height = Math.max(ROW * 2, bars.length * row + 16);
  const svg = render(
    {
      grid: { left: labelRoom + 10, right: valueRoom, top: 8, bottom: 8 },
      xAxis: { type: 'value', show: false, max: (v) => Math.max(v.max, 1) },
      yAxis: {
        type: 'category',
        inverse: true,
        data: labels.map((l) => l.join('\n')),
        axisTick: { show: false },
        axisLine: { lineStyle: { color: '#d6dae1' } },
        axisLabel: {
          color: INK,
          fontSize: CHART_FONT,
          lineHeight: CHART_FONT + 3,
          interval: 0,
        },
      },
      series: [
        {
          type: 'bar',
          barMaxWidth: 18,
          data: bars.map((b) => b.value),
          label: {
            show: true,
            position: 'right',
            fontSize: CHART_FONT,
            color: INK,
            formatter: ({ dataIndex }) => texts[dataIndex],
          },
        },
      ],
    },
    height,
  );
  return {
    title,
    svg,
    columns: [],
    rows: bars.map((b, i) => ({ label: b.label, values: [texts[i]] })),
  };
}

/**
 * Columns over periods (every quarter, zeros too), one colour per series and stacked when
 * `stacked` (the parts of a whole: who came, by sector), with a legend below; a line per series
 * instead when `trend`.
 */
export function periodChart(
  title: string,
  periods: readonly string[],
  series: readonly Series[],
  how: { stacked?: boolean; trend?: boolean } = {},
): Chart {
  const legendRows = series.length > 1 ? Math.ceil(series.length / 3) : 0;
  const height = 200 + legendRows * 22;
  const totals = periods.map((_, i) => series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0));
  const svg = render(
    {
      grid: { left: 8, right: 12, top: 24, bottom: 8 + legendRows * 22, containLabel: true },
      legend:
        series.length > 1
          ? {
              bottom: 0,
              left: 'center',
              itemWidth: 12,
              itemHeight: 12,
              textStyle: { fontSize: CHART_FONT, color: INK },
            }
          : undefined,
      xAxis: {
        type: 'category',
        data: [...periods],
        axisTick: { show: false },
        axisLabel: { fontSize: CHART_FONT, color: INK, interval: 0 },
      },
      yAxis: {
        type: 'value',
        minInterval: 1,
        max: (v) => Math.max(v.max, 1),
        splitLine: { lineStyle: { color: '#e5e8ed' } },
        axisLabel: { fontSize: CHART_FONT, color: MUTED },
      },
      series: series.map((s, index) => ({
        name: s.name,
        type: how.trend ? 'line' : 'bar',
        stack: how.stacked ? 'all' : undefined,
        barMaxWidth: 28,
        data: [...s.values],
        // The value above each column (the total, on the top of a stack), never inside a thin one.
        label:
          (how.stacked && index === series.length - 1) || (!how.stacked && series.length === 1)
            ? {
                show: true,
                position: 'top',
                fontSize: CHART_FONT,
                color: INK,
                formatter: ({ dataIndex }: { dataIndex: number }) =>
                  plain(how.stacked ? totals[dataIndex] : s.values[dataIndex]),
              }
            : undefined,
      })),
    },
    height,
  );
  return {
    title,
    svg,
    columns: series.map((s) => s.name),
    rows: periods.map((period, i) => ({
      label: period,
      values: series.map((s) => plain(s.values[i] ?? 0)),
    })),
  };
}
