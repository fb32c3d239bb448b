/** One bar: what it counts and how many. */
export interface Bar {
  label: string;
  value: number;
}

/** A horizontal bar chart laid out for the `chart` partial (an SVG drawn on the server). */
export interface Chart {
  title: string;
  width: number;
  height: number;
  /** Where the bars start (the labels are to their left). */
  labelWidth: number;
  rows: {
    label: string;
    value: number;
    /** The value as read, with its unit. */
    text: string;
    y: number;
    barWidth: number;
    textX: number;
    textY: number;
  }[];
}

const ROW = 28;
const BAR = 18;
const WIDTH = 640;
const LABEL_WIDTH = 200;
const VALUE_ROOM = 80;

/**
 * Lays out a bar chart: one row per bar, lengths proportional to the largest value (a chart of
 * zeros draws no bars rather than dividing by zero). Server-drawn, so that it needs no script,
 * prints in the report and reads the same in every browser; the partial adds the figures as a
 * table for screen readers.
 */
export function barChart(title: string, bars: readonly Bar[], unit = ''): Chart {
  const largest = Math.max(0, ...bars.map((b) => b.value));
  const room = WIDTH - LABEL_WIDTH - VALUE_ROOM;
  return {
    title,
    width: WIDTH,
    height: Math.max(ROW, bars.length * ROW),
    labelWidth: LABEL_WIDTH,
    rows: bars.map((bar, index) => {
      const barWidth = largest > 0 ? Math.round((bar.value / largest) * room) : 0;
      const y = index * ROW + (ROW - BAR) / 2;
      return {
        label: bar.label,
        value: bar.value,
        text: `${bar.value.toLocaleString('en')}${unit}`,
        y,
        barWidth,
        textX: LABEL_WIDTH + barWidth + 6,
        textY: y + BAR - 4,
      };
    }),
  };
}
