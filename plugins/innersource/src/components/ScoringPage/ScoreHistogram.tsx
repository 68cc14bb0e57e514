import { useTheme } from '@material-ui/core/styles';
import {
  SCORE_BUCKET_WIDTH,
  TierDefinition,
} from '@innersource-for-backstage/plugin-innersource-common';

/** The tier a score falls in: the first whose minimum it reaches, tiers ordered highest first. */
function tierAt(score: number, tiers: TierDefinition[]) {
  return tiers.find(t => score >= t.min) ?? tiers[tiers.length - 1];
}

/**
 * Scores in buckets of 10 points as bars, coloured by the tier each bucket
 * starts in, with a dashed line where each tier begins.
 */
export function ScoreHistogram(props: {
  counts: number[];
  tiers: TierDefinition[];
  label: string;
  testId?: string;
}) {
  const { counts, tiers, label } = props;
  const theme = useTheme();
  const width = 480;
  const height = 200;
  const pad = { left: 36, right: 12, top: 22, bottom: 28 };
  const plotWidth = width - pad.left - pad.right;
  const plotHeight = height - pad.top - pad.bottom;
  const highest = Math.max(1, ...counts);
  const x = (score: number) => pad.left + (score / 100) * plotWidth;
  const y = (count: number) =>
    pad.top + plotHeight - (count / highest) * plotHeight;
  const total = counts.reduce((sum, n) => sum + n, 0);
  const buckets = counts.map((count, i) => {
    const from = i * SCORE_BUCKET_WIDTH;
    const to = i === counts.length - 1 ? 100 : from + SCORE_BUCKET_WIDTH - 1;
    return { count, from, to, tier: tierAt(from, tiers) };
  });
  const summary = `${label}: ${total} projects; ${buckets
    .filter(b => b.count > 0)
    .map(b => `${b.count} scored ${b.from}–${b.to}`)
    .join(', ')}${total === 0 ? 'none scored yet' : ''}. Tiers: ${tiers
    .map(t => `${t.name} from ${t.min}`)
    .join(', ')}.`;
  const text = theme.palette.text.secondary;

  return (
    <svg
      width="100%"
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={summary}
      data-testid={props.testId}
      style={{ maxWidth: width }}
    >
      <title>{summary}</title>
      {buckets.map((b, i) => {
        const barWidth = (SCORE_BUCKET_WIDTH / 100) * plotWidth;
        return (
          <g key={i} data-testid="histogram-bucket" data-count={b.count}>
            <rect
              x={x(b.from) + 1}
              y={y(b.count)}
              width={barWidth - 2}
              height={pad.top + plotHeight - y(b.count)}
              fill={b.tier?.color ?? theme.palette.grey[500]}
            >
              <title>{`${b.count} projects scored ${b.from}–${b.to} (${
                b.tier?.name ?? 'no tier'
              })`}</title>
            </rect>
            {b.count > 0 && (
              <text
                x={x(b.from) + barWidth / 2}
                y={y(b.count) - 3}
                textAnchor="middle"
                fontSize={10}
                fill={text}
              >
                {b.count}
              </text>
            )}
          </g>
        );
      })}
      <line
        x1={pad.left}
        x2={width - pad.right}
        y1={pad.top + plotHeight}
        y2={pad.top + plotHeight}
        stroke={text}
      />
      {[0, 20, 40, 60, 80, 100].map(score => (
        <text
          key={score}
          x={x(score)}
          y={height - 10}
          textAnchor="middle"
          fontSize={10}
          fill={text}
        >
          {score}
        </text>
      ))}
      {tiers
        .filter(t => t.min > 0)
        .map(t => (
          <g key={t.name} data-testid="histogram-threshold">
            <line
              x1={x(t.min)}
              x2={x(t.min)}
              y1={pad.top - 8}
              y2={pad.top + plotHeight}
              stroke={theme.palette.text.primary}
              strokeDasharray="4 3"
            />
            <text
              x={x(t.min) + 3}
              y={pad.top - 10}
              fontSize={10}
              fill={theme.palette.text.primary}
            >
              {`${t.name} ≥ ${t.min}`}
            </text>
          </g>
        ))}
    </svg>
  );
}
