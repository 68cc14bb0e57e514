import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import {
  formatMetric,
  METRIC_DEFINITIONS,
  type ProjectMetrics,
} from '@innersource-for-backstage/plugin-innersource-common';

function Step(props: {
  label: string;
  value: string;
  detail: string;
  share: number | null;
  testId: string;
}) {
  return (
    <Box component="li" mb={1.5} data-testid={props.testId}>
      <Typography variant="body2">
        <strong>{props.label}</strong>: {props.value}
      </Typography>
      {props.share !== null && (
        <Box
          aria-hidden
          height={8}
          width={`${Math.max(2, Math.round(props.share * 100))}%`}
          bgcolor="primary.main"
          borderRadius={4}
          my={0.5}
        />
      )}
      <Typography variant="caption" color="textSecondary">
        {props.detail}
      </Typography>
    </Box>
  );
}

/**
 * The newcomer funnel (first → second contribution) and what bots and coding
 * agents did, counted apart from people. Labels and definitions come from
 * the metric catalogue (docs/metrics.md).
 */
export function NewcomerFunnel(props: { metrics: ProjectMetrics | null }) {
  const { metrics } = props;
  const newcomers = metrics?.newContributors ?? null;
  const outside = metrics?.outsideNewContributors ?? null;
  const returnRate = metrics?.newcomerReturnRate ?? null;
  return (
    <Box component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
      <Step
        testId="innersource-funnel-first"
        label={METRIC_DEFINITIONS.newContributors.label}
        value={`${formatMetric(metrics, 'newContributors')}${
          newcomers !== null && outside !== null
            ? `, ${outside} from outside the team`
            : ''
        }`}
        detail={METRIC_DEFINITIONS.newContributors.description}
        share={newcomers === null ? null : 1}
      />
      <Step
        testId="innersource-funnel-second"
        label={METRIC_DEFINITIONS.newcomerReturnRate.label}
        value={
          returnRate === null
            ? 'unknown'
            : `${formatMetric(metrics, 'newcomerReturnRate')} came back`
        }
        detail={METRIC_DEFINITIONS.newcomerReturnRate.description}
        share={returnRate}
      />
      <Step
        testId="innersource-funnel-agents"
        label={METRIC_DEFINITIONS.agentContributions.label}
        value={`${formatMetric(
          metrics,
          'agentContributions',
        )}, counted apart from people`}
        detail={METRIC_DEFINITIONS.agentContributions.description}
        share={null}
      />
    </Box>
  );
}
