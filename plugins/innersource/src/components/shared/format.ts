/** A metric for people: unknown stays unknown, shares become percentages. */
export function formatMetric(
  value: number | null | undefined,
  kind: 'count' | 'share' | 'hours' = 'count',
): string {
  if (value === null || value === undefined) return 'unknown';
  if (kind === 'share') return `${Math.round(value * 100)}%`;
  if (kind === 'hours')
    return value < 48
      ? `${Math.round(value)} h`
      : `${Math.round(value / 24)} d`;
  return String(value);
}
