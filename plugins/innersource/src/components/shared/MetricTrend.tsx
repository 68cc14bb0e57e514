import { makeStyles } from '@material-ui/core/styles';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import TrendingDown from '@material-ui/icons/TrendingDown';
import TrendingUp from '@material-ui/icons/TrendingUp';
import type { MetricChange } from '@innersource-for-backstage/plugin-innersource-common';
import { DateTime } from 'luxon';

// Explicit shades: the theme's status colours are too light for small text on white (WCAG AA).
const useStyles = makeStyles(theme => ({
  trend: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: 2,
    marginLeft: theme.spacing(1),
    fontWeight: 500,
  },
  better: { color: theme.palette.type === 'dark' ? '#81c784' : '#2e7d32' },
  worse: { color: theme.palette.type === 'dark' ? '#ef9a9a' : '#c62828' },
}));

/**
 * Which way a metric moved since an earlier point: an arrow and the change,
 * green when that is good news for the project, red when not. Nothing when
 * it did not move.
 */
export function MetricTrend(props: {
  change: MetricChange | undefined;
  since: string;
  backfilled?: boolean;
  testId?: string;
}) {
  const classes = useStyles();
  const { change } = props;
  if (!change || change.movement === 'flat') return null;
  const date = DateTime.fromISO(props.since).toLocaleString(DateTime.DATE_MED);
  const Arrow = change.movement === 'up' ? TrendingUp : TrendingDown;
  const title = `${
    change.movement === 'up' ? 'Up' : 'Down'
  } ${change.text.slice(1)} since ${date}${
    props.backfilled ? ' (from the commit history)' : ''
  }: ${change.assessment === 'better' ? 'better' : 'worse'} for the project`;
  return (
    <Tooltip title={title}>
      <Typography
        variant="caption"
        component="span"
        className={`${classes.trend} ${
          classes[change.assessment as 'better' | 'worse']
        }`}
        data-testid={props.testId}
        data-assessment={change.assessment}
      >
        <Arrow fontSize="inherit" aria-hidden />
        {change.text}
      </Typography>
    </Tooltip>
  );
}
