export function describeSeries(values: number[]): string {
  return `Commits per week for the last ${
    values.length
  } weeks, oldest first: ${values.join(', ')}`;
}

/** Weekly counts as small bars, with the numbers for screen readers. */
export function Sparkline(props: {
  values: number[];
  width?: number;
  height?: number;
  color?: string;
}) {
  const { values, width = 160, height = 32, color = '#1f5493' } = props;
  const max = Math.max(1, ...values);
  const slot = width / Math.max(values.length, 1);
  const label = describeSeries(values);
  return (
    <svg
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={label}
    >
      <title>{label}</title>
      {values.map((value, i) => {
        const barHeight =
          value === 0 ? 1 : Math.max(2, (value / max) * (height - 2));
        return (
          <rect
            key={i}
            x={i * slot + 1}
            y={height - barHeight}
            width={Math.max(1, slot - 2)}
            height={barHeight}
            fill={value === 0 ? '#bdbdbd' : color}
          />
        );
      })}
    </svg>
  );
}
