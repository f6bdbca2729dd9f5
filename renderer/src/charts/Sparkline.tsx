// A trend in a table cell: a tiny SVG polyline (no axes, no recharts: a table of 50 rows stays cheap).
// Gaps (null) break the line; a lone point between gaps is drawn as a dot.
import { testIds } from '../../../shared/testIds.ts';
import { sparklinePaths } from './sparklinePaths.ts';

export interface SparklineProps {
  values: readonly (number | null)[];
  width?: number;
  height?: number;
  color?: string;
  /** What the trend shows, for screen readers ("median elapsed per day"). */
  label: string;
}

export function Sparkline({
  values,
  width = 96,
  height = 22,
  color = 'var(--chart-1)',
  label,
}: SparklineProps) {
  const { lines, dots } = sparklinePaths(values, width, height, 2);
  return (
    <svg
      className="sparkline"
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={label}
      data-testid={testIds.charts.sparkline}
    >
      {lines.map((points) => (
        <polyline
          key={points}
          points={points}
          fill="none"
          stroke={color}
          strokeWidth={1.5}
          strokeLinejoin="round"
          strokeLinecap="round"
        />
      ))}
      {dots.map(([x, y]) => (
        <circle key={`${x},${y}`} cx={x} cy={y} r={1.6} fill={color} />
      ))}
    </svg>
  );
}
