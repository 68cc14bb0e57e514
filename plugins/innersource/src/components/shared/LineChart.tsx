import { DateTime } from 'luxon';

export interface Point {
  at: string;
  value: number | null;
  /** Reconstructed from the repository's commit history, not collected then: drawn dashed and hollow. */
  backfilled?: boolean;
}

const COLLECTED = '#1f5493';
const BACKFILLED = '#6b8fbf';
const DASH = '5 4';

/**
 * A metric over time: one line, the first and last dates, the lowest and
 * highest value. Backfilled points (and the segments that reach them) are
 * dashed and hollow, with a legend saying what they are.
 */
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
    (p): p is Point & { value: number } => p.value !== null,
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
  const xy = (p: { at: string; value: number }) =>
    `${x(Date.parse(p.at)).toFixed(1)},${y(p.value).toFixed(1)}`;
  // A segment that reaches a reconstructed point is dashed: its slope was not measured either.
  const segments = (backfilled: boolean) =>
    known
      .slice(1)
      .map((p, i) => ({ from: known[i], to: p }))
      .filter(
        ({ from, to }) =>
          Boolean(from.backfilled || to.backfilled) === backfilled,
      )
      .map(({ from, to }) => `M${xy(from)} L${xy(to)}`)
      .join(' ');
  const reconstructed = known.filter(p => p.backfilled).length;
  const day = (t: number) => DateTime.fromMillis(t).toISODate() ?? '';
  const summary = `${label}: ${known.length} points from ${day(t0)} to ${day(
    t1,
  )}, between ${format(Math.min(...values))} and ${format(
    Math.max(...values),
  )}${
    reconstructed
      ? `; ${reconstructed} of them reconstructed from the repository's commit history`
      : ''
  }`;
  const chart = (
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
      <path
        d={segments(false)}
        fill="none"
        stroke={COLLECTED}
        strokeWidth={2}
      />
      <path
        d={segments(true)}
        fill="none"
        stroke={BACKFILLED}
        strokeWidth={2}
        strokeDasharray={DASH}
        data-testid="backfilled-line"
      />
      {known.map(p => (
        <circle
          key={p.at}
          cx={x(Date.parse(p.at))}
          cy={y(p.value)}
          r={p.backfilled ? 3 : 2.5}
          fill={p.backfilled ? '#ffffff' : COLLECTED}
          stroke={p.backfilled ? BACKFILLED : COLLECTED}
          strokeWidth={p.backfilled ? 1.5 : 0}
          data-backfilled={p.backfilled ? 'true' : undefined}
        />
      ))}
    </svg>
  );
  if (!reconstructed) return chart;
  return (
    <div>
      {chart}
      <ul
        aria-label="Legend"
        style={{
          display: 'flex',
          flexWrap: 'wrap',
          gap: 16,
          listStyle: 'none',
          margin: '4px 0 0',
          padding: 0,
          fontSize: 12,
        }}
      >
        <li>
          <LegendLine />
          Collected
        </li>
        <li>
          <LegendLine dashed />
          Reconstructed from the repository's commit history, before its first
          collection
        </li>
      </ul>
    </div>
  );
}

function LegendLine(props: { dashed?: boolean }) {
  return (
    <svg
      width={24}
      height={8}
      aria-hidden="true"
      style={{ marginRight: 6, verticalAlign: 'middle' }}
    >
      <line
        x1={0}
        y1={4}
        x2={24}
        y2={4}
        stroke={props.dashed ? BACKFILLED : COLLECTED}
        strokeWidth={2}
        strokeDasharray={props.dashed ? DASH : undefined}
      />
    </svg>
  );
}
