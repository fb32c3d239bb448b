import { readFileSync } from 'node:fs';
import * as echarts from 'echarts';
import { CHART_FONT, CHART_WIDTH, Chart, INK, plain, render, textWidth } from 'src/common/charts';
import { provinceName, provinceRank } from 'src/common/provinces';

/**
 * A map of China's provinces, shaded by a count (a choropleth), drawn by ECharts' SVG renderer as
 * the other charts are. The outlines are `china-geojson`'s (antvis, MIT): every province, 台湾 and
 * the 南海诸岛 inset among them, registered as `china` so that ECharts adds 钓鱼岛 to 台湾 too. It is
 * a schematic: a map printed for publication must be a standard map with its review number (审图号).
 */

/** ECharts' name for the map: `china` is what its own fixes for China's outlines look for. */
const MAP = 'china';
/** The map's own height at the charts' width, and the legend's row under it. */
const MAP_HEIGHT = 236;
const LEGEND_ROW = 28;
const EMPTY = '#eef0f3';
/** From the palest shade a label reads on to the site's brand blue. */
const SHADES = ['#d4e4f7', '#0b5cad'];

let registered = false;

/** Loads the outlines once, on the first map drawn (300 kB of JSON nobody else needs). */
function chinaMap(): string {
  if (!registered) {
    const file = require.resolve('china-geojson/src/geojson/china.json');
    echarts.registerMap(MAP, JSON.parse(readFileSync(file, 'utf8')) as never);
    registered = true;
  }
  return MAP;
}

/** A province's figure: its name as the map has it (四川, 内蒙古 …) and the count. */
export interface ProvinceFigure {
  province: string;
  value: number;
}

/** A band of the legend: from `min` to `max` (open above when there is none). */
export interface Band {
  min: number;
  max?: number;
  label: string;
}

/** The legend's bands for counts up to `max`: one per count up to four, else four even bands. */
export function bandsUpTo(max: number): Band[] {
  if (max <= 0) return [];
  if (max <= 4)
    return Array.from({ length: max }, (_, i) => ({ min: i + 1, max: i + 1, label: `${i + 1}` }));
  const step = Math.ceil(max / 4);
  return [0, 1, 2, 3].map((i) => {
    const min = i * step + 1;
    return i === 3
      ? { min, label: `≥ ${min}` }
      : {
          min,
          max: (i + 1) * step,
          label: min === (i + 1) * step ? `${min}` : `${min}–${(i + 1) * step}`,
        };
  });
}

/**
 * The provinces shaded by their figures, those with one labelled with its name and count (a label
 * never runs out of the chart: it is moved in, and labels that would meet are moved apart), the
 * legend's bands under the map; the table beside it lists the same figures, and `extra` rows after
 * them (those without a province, the total).
 */
export function provinceMap(
  title: string,
  figures: readonly ProvinceFigure[],
  how: { locale: string; column: string; note: string; extra?: Chart['rows'] },
): Chart {
  const shown = figures
    .filter((f) => f.value > 0)
    .sort((a, b) => b.value - a.value || provinceRank(a.province) - provinceRank(b.province));
  const bands = bandsUpTo(Math.max(0, ...shown.map((f) => f.value)));
  const height = MAP_HEIGHT + (bands.length > 0 ? LEGEND_ROW : 0);
  const labelOf = (f: ProvinceFigure) =>
    `${provinceName(f.province, how.locale)} ${plain(f.value)}`;
  const svg = render(
    {
      visualMap:
        bands.length > 0
          ? {
              type: 'piecewise',
              // As bounds both in (`min` alone leaves a count equal to it out).
              pieces: bands.map((b) => ({ gte: b.min, lte: b.max, label: b.label })),
              orient: 'horizontal',
              left: 'center',
              bottom: 4,
              itemWidth: 14,
              itemHeight: 14,
              itemGap: 12,
              showLabel: true,
              textStyle: { fontSize: CHART_FONT, color: INK },
              inRange: { color: SHADES },
              outOfRange: { color: EMPTY },
            }
          : undefined,
      series: [
        {
          type: 'map',
          map: chinaMap(),
          roam: false,
          selectedMode: false,
          left: 4,
          right: 4,
          top: 4,
          height: MAP_HEIGHT - 12,
          itemStyle: { areaColor: EMPTY, borderColor: '#8a94a3', borderWidth: 0.5 },
          emphasis: { disabled: true },
          label: { show: false },
          data: shown.map((f) => ({
            name: f.province,
            value: f.value,
            label: {
              show: true,
              formatter: labelOf(f),
              fontSize: CHART_FONT,
              color: INK,
              backgroundColor: 'rgba(255,255,255,0.9)',
              borderRadius: 2,
              padding: [1, 3],
            },
          })),
          labelLayout: ({ labelRect, text }) => {
            // Centred on its province, moved in where the province lies at the edge; measured as
            // a browser draws it (ECharts' own measure on the server is narrower).
            const half = (Math.max(labelRect.width, textWidth(text) + 6) + 4) / 2;
            const x = labelRect.x + labelRect.width / 2;
            const y = labelRect.y + labelRect.height / 2;
            return {
              x: Math.min(Math.max(x, half), CHART_WIDTH - half),
              y: Math.min(Math.max(y, labelRect.height), MAP_HEIGHT - labelRect.height),
              moveOverlap: 'shiftY',
            };
          },
        },
      ],
    },
    height,
  );
  return {
    title,
    note: how.note,
    svg,
    columns: [how.column],
    rows: [
      ...shown.map((f) => ({
        label: provinceName(f.province, how.locale),
        values: [plain(f.value)],
      })),
      ...(how.extra ?? []),
    ],
  };
}
