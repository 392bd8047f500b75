// The dashboard's one chart component (lazy: chart.js stays out of the initial bundle), coloured from the Fluent theme's tokens.
//
// Series differ by fill as well as colour (solid, outlined, dashed line), so they stay apart in high contrast, where
// Teams' theme makes nearly every token white on black. The canvas is an image with a text summary; the numbers, and
// the keyboard's way to drill down, are in the table beside it.
import type { Theme } from '@fluentui/react-components';
import { BarController, BarElement, CategoryScale, Chart as ChartJS, Legend, LineController, LineElement, LinearScale, PointElement, Tooltip, type ChartData, type ChartOptions } from 'chart.js';
import { Chart } from 'react-chartjs-2';

ChartJS.register(BarController, LineController, BarElement, LineElement, PointElement, CategoryScale, LinearScale, Tooltip, Legend);

export interface BarSeries {
  label: string;
  values: number[];
  style: 'solid' | 'hollow';
}

export interface BarChartProps {
  /** The text alternative: what the chart shows and its main finding. */
  summary: string;
  labels: string[];
  series: BarSeries[];
  trend?: { label: string; values: number[] };
  horizontal?: boolean;
  /** A bar (by category index) was clicked: drill down. */
  onSelect?(index: number): void;
  theme: Theme;
  testId: string;
  height?: number;
}

export default function BarChart({ summary, labels, series, trend, horizontal, onSelect, theme, testId, height = 280 }: BarChartProps) {
  const solid = theme.colorBrandForeground1;
  const outline = theme.colorNeutralForeground2;
  const text = theme.colorNeutralForeground2;
  const grid = theme.colorNeutralStroke2;
  const data: ChartData<'bar' | 'line', number[], string> = {
    labels,
    datasets: [
      ...series.map((s) => ({
        type: 'bar' as const,
        label: s.label,
        data: s.values,
        backgroundColor: s.style === 'solid' ? solid : theme.colorNeutralBackground1,
        borderColor: s.style === 'solid' ? solid : outline,
        borderWidth: s.style === 'solid' ? 0 : 2,
        pointStyle: 'rect' as const,
        order: 2,
      })),
      ...(trend
        ? [
            {
              type: 'line' as const,
              label: trend.label,
              data: trend.values,
              borderColor: theme.colorNeutralForeground1,
              backgroundColor: theme.colorNeutralForeground1,
              borderDash: [6, 4],
              borderWidth: 2,
              pointRadius: 3,
              pointStyle: 'rectRot' as const,
              tension: 0.2,
              order: 1,
            },
          ]
        : []),
    ],
  };
  const font = { family: theme.fontFamilyBase, size: 12 };
  const options: ChartOptions<'bar' | 'line'> = {
    indexAxis: horizontal ? 'y' : 'x',
    responsive: true,
    maintainAspectRatio: false,
    animation: false,
    plugins: {
      legend: {
        display: series.length + (trend ? 1 : 0) > 1,
        // In the order the series are given (Chart.js sorts by drawing order otherwise), each with its own marker.
        labels: { color: text, font, usePointStyle: true, sort: (a, b) => (a.datasetIndex ?? 0) - (b.datasetIndex ?? 0) },
      },
      tooltip: { titleFont: font, bodyFont: font },
    },
    // Grid lines on the value axis only: fewer lines to tell from outlined bars (in high contrast every line is white).
    scales: {
      x: { ticks: { color: text, font, precision: 0 }, grid: { color: grid, display: horizontal === true }, border: { color: grid } },
      y: { ticks: { color: text, font, precision: 0 }, grid: { color: grid, display: horizontal !== true }, border: { color: grid }, beginAtZero: true },
    },
    onClick: (_event, elements) => {
      const first = elements[0];
      if (first && onSelect) onSelect(first.index);
    },
    onHover: (event, elements) => {
      const target = event.native?.target;
      if (target instanceof HTMLElement) target.style.cursor = elements.length > 0 && onSelect ? 'pointer' : 'default';
    },
  };
  return (
    <div style={{ position: 'relative', height }}>
      <Chart type="bar" data={data} options={options} role="img" aria-label={summary} data-testid={testId} />
    </div>
  );
}
