import { DateTime } from 'luxon';

export interface Point {
  at: string;
  value: number | null;
}

/** A metric over time: one line, the first and last dates, the lowest and highest value. */
export function LineChart(props: {
  points: Point[];
  label: string;
  /** How a value reads (the metric's format); as a plain number by default. */
  format?: (value: number) => string;
  width?: number;
  height?: number;
}) {
  const { points, label, format = String, width = 560, height = 160 } = props;
  const known = points.filter(
    (p): p is { at: string; value: number } => p.value !== null,
  );
  if (known.length === 0) {
    return <span>No history for this metric yet.</span>;
  }
  const pad = { left: 44, right: 12, top: 10, bottom: 24 };
  const times = known.map(p => Date.parse(p.at));
  const [t0, t1] = [Math.min(...times), Math.max(...times)];
  const values = known.map(p => p.value);
  const [v0, v1] = [Math.min(0, ...values), Math.max(...values, 1)];
  const x = (t: number) =>
    pad.left +
    (t1 === t0 ? 0.5 : (t - t0) / (t1 - t0)) * (width - pad.left - pad.right);
  const y = (v: number) =>
    height -
    pad.bottom -
    ((v - v0) / (v1 - v0)) * (height - pad.top - pad.bottom);
  const path = known
    .map(
      (p, i) =>
        `${i ? 'L' : 'M'}${x(Date.parse(p.at)).toFixed(1)},${y(p.value).toFixed(
          1,
        )}`,
    )
    .join(' ');
  const day = (t: number) => DateTime.fromMillis(t).toISODate() ?? '';
  const summary = `${label}: ${known.length} points from ${day(t0)} to ${day(
    t1,
  )}, between ${format(Math.min(...values))} and ${format(
    Math.max(...values),
  )}`;
  return (
    <svg
      width="100%"
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={summary}
      style={{ maxWidth: width }}
    >
      <title>{summary}</title>
      <line
        x1={pad.left}
        y1={height - pad.bottom}
        x2={width - pad.right}
        y2={height - pad.bottom}
        stroke="#9e9e9e"
      />
      <line
        x1={pad.left}
        y1={pad.top}
        x2={pad.left}
        y2={height - pad.bottom}
        stroke="#9e9e9e"
      />
      <text x={pad.left - 6} y={y(v1) + 4} textAnchor="end" fontSize="11">
        {format(v1)}
      </text>
      <text x={pad.left - 6} y={y(v0) + 4} textAnchor="end" fontSize="11">
        {format(v0)}
      </text>
      <text x={pad.left} y={height - 6} fontSize="11">
        {day(t0)}
      </text>
      <text x={width - pad.right} y={height - 6} textAnchor="end" fontSize="11">
        {day(t1)}
      </text>
      <path d={path} fill="none" stroke="#1f5493" strokeWidth={2} />
      {known.map(p => (
        <circle
          key={p.at}
          cx={x(Date.parse(p.at))}
          cy={y(p.value)}
          r={2.5}
          fill="#1f5493"
        />
      ))}
    </svg>
  );
}
