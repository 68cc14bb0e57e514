import { DateTime } from 'luxon';

/** "2 hours ago", with the exact time on hover. */
export function RelativeTime(props: { at: string | null; prefix?: string }) {
  if (!props.at) return <span>never</span>;
  const time = DateTime.fromISO(props.at);
  return (
    <span title={time.toLocaleString(DateTime.DATETIME_FULL)}>
      {props.prefix}
      {time.toRelative() ?? props.at}
    </span>
  );
}
