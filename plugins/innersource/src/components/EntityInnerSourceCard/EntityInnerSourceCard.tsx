import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  EmptyState,
  InfoCard,
  Link,
  Progress,
  WarningPanel,
} from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import {
  DEFAULT_PROFILE_NAME,
  describeMetricDirection,
  formatMetric,
  isInnerSourceProject,
  METRIC_DEFINITIONS,
  metricChange,
  NumericMetricName,
  ProjectSummary,
} from '@innersource-for-backstage/plugin-innersource-common';
import { useState } from 'react';
import { useProject } from '../../hooks/useProject';
import { BadgesDialog } from '../BadgesDialog';
import { BadgeImage } from '../shared/BadgeImage';
import { useProjectSelector } from '../../hooks/useProjectSelector';
import { useHelpWantedLink } from '../../hooks/useHelpWantedLink';
import { MetricTrend } from '../shared/MetricTrend';
import { RelativeTime } from '../shared/RelativeTime';
import { Sparkline } from '../shared/Sparkline';
import { TierChip } from '../shared/TierChip';

const CARD_TITLE = 'InnerSource';

/** The key metrics on the card, in order; labels and formats come from the catalogue. */
const CARD_METRICS: Array<{ key: NumericMetricName; testId?: string }> = [
  { key: 'commits', testId: 'innersource-metric-commits' },
  { key: 'contributors', testId: 'innersource-metric-contributors' },
  { key: 'outsideContributors' },
  { key: 'unmappedContributors' },
  { key: 'outsideContributionShare' },
  { key: 'medianTimeToFirstResponseHours' },
  { key: 'openHelpWanted', testId: 'innersource-metric-help-wanted' },
  { key: 'openGoodFirstIssues', testId: 'innersource-metric-good-first' },
];

function Metric(props: {
  metric: NumericMetricName;
  project: ProjectSummary;
  testId?: string;
  link?: string;
}) {
  const { metric, project } = props;
  const { label, description, direction } = METRIC_DEFINITIONS[metric];
  const value = formatMetric(project.metrics, metric);
  const trend = project.trend;
  return (
    <Grid item xs={6}>
      <Tooltip title={`${description} ${describeMetricDirection(direction)}`}>
        <Typography variant="caption" color="textSecondary" component="div">
          {label}
        </Typography>
      </Tooltip>
      <Typography variant="body1">
        <span data-testid={props.testId}>
          {props.link ? <Link to={props.link}>{value}</Link> : value}
        </span>
        {trend && (
          <MetricTrend
            change={metricChange(
              metric,
              project.metrics?.[metric],
              trend.metrics[metric],
            )}
            since={trend.since}
            backfilled={trend.backfilled}
            testId={`innersource-trend-${metric}`}
          />
        )}
      </Typography>
    </Grid>
  );
}

/** The measured profile: score, tier, dimensions, key metrics. */
export function ProjectProfile(props: {
  project: ProjectSummary;
  detailsLink?: string;
}) {
  const { project } = props;
  const metrics = project.metrics;
  const lastError = project.errors[0];
  const helpWantedLink = useHelpWantedLink(project.entityRef);
  const goodFirstLink = useHelpWantedLink(project.entityRef, {
    goodFirst: true,
  });
  const links: Partial<Record<NumericMetricName, string>> = {
    openHelpWanted: helpWantedLink,
    openGoodFirstIssues: goodFirstLink,
  };
  return (
    <>
      {lastError && (
        <Box mb={2}>
          <WarningPanel
            defaultExpanded
            severity="warning"
            title="The last refresh failed; showing the last good data"
            message={
              <>
                {lastError.message} (<RelativeTime at={lastError.at} />)
              </>
            }
          />
        </Box>
      )}
      <Box display="flex" alignItems="center" mb={2} style={{ gap: 16 }}>
        <Typography variant="h3" component="div">
          <span data-testid="innersource-score">{project.score}</span>
          <Typography variant="body2" component="span" color="textSecondary">
            {' '}
            / 100
          </Typography>
        </Typography>
        <Box>
          <TierChip tier={project.tier} size="medium" />
          <Typography variant="caption" color="textSecondary" component="div">
            scored by the{' '}
            <span data-testid="innersource-profile">
              {project.profile ?? DEFAULT_PROFILE_NAME}
            </span>{' '}
            profile
          </Typography>
        </Box>
      </Box>
      <Grid container spacing={1}>
        {project.dimensions.map(d => (
          <Grid item xs={6} key={d.id}>
            <Tooltip title={d.explanation}>
              <Typography variant="body2">
                {d.title}: <b>{d.value === null ? 'unknown' : d.value}</b>
                <Typography
                  variant="caption"
                  color="textSecondary"
                  component="span"
                >
                  {' '}
                  × {d.weight}
                </Typography>
              </Typography>
            </Tooltip>
          </Grid>
        ))}
      </Grid>
      <Box mt={2}>
        <Grid container spacing={1}>
          {CARD_METRICS.map(({ key, testId }) => (
            <Metric
              key={key}
              metric={key}
              project={project}
              testId={testId}
              link={metrics?.[key] ? links[key] : undefined}
            />
          ))}
        </Grid>
      </Box>
      {metrics?.weeklyCommits && (
        <Box mt={2}>
          <Typography variant="caption" color="textSecondary" component="div">
            {METRIC_DEFINITIONS.weeklyCommits.label}
          </Typography>
          <Sparkline values={metrics.weeklyCommits} />
        </Box>
      )}
      <Box mt={1} display="flex" justifyContent="space-between">
        <Typography variant="caption" color="textSecondary">
          <RelativeTime at={project.refreshedAt} prefix="refreshed " />
        </Typography>
        {props.detailsLink && (
          <Link to={props.detailsLink}>Readiness and details</Link>
        )}
      </Box>
    </>
  );
}

/** The score and tier badges, and the dialog with every badge and its snippets. */
function CardBadges(props: { entityRef: string }) {
  const [open, setOpen] = useState(false);
  return (
    <Box
      mt={2}
      display="flex"
      alignItems="center"
      flexWrap="wrap"
      style={{ gap: 8 }}
      data-testid="innersource-card-badges"
    >
      <BadgeImage
        entityRef={props.entityRef}
        badge="score"
        alt="InnerSource score badge"
      />
      <BadgeImage
        entityRef={props.entityRef}
        badge="tier"
        alt="InnerSource tier badge"
      />
      <Button size="small" onClick={() => setOpen(true)}>
        Badges
      </Button>
      <BadgesDialog
        entityRef={props.entityRef}
        open={open}
        onClose={() => setOpen(false)}
      />
    </Box>
  );
}

function CardBody(props: { entityRef: string }) {
  const { value: project, loading, error } = useProject(props.entityRef);
  if (loading) return <Progress />;
  if (error) {
    return (
      <WarningPanel
        defaultExpanded
        severity="error"
        title="Could not load the InnerSource profile"
        message={error.message}
      />
    );
  }
  if (!project || project.status === 'pending') {
    return (
      <EmptyState
        missing="data"
        title="Not collected yet"
        description="This InnerSource project has not been measured yet. Its score appears after the next refresh."
      />
    );
  }
  if (project.score === null) {
    return (
      <WarningPanel
        defaultExpanded
        severity="error"
        title="Collection failed"
        message={
          project.errors[0]?.message ?? 'The repository could not be read.'
        }
      />
    );
  }
  return (
    <>
      <ProjectProfile project={project} detailsLink="innersource" />
      <CardBadges entityRef={props.entityRef} />
    </>
  );
}

/** The InnerSource profile of the entity on its overview page. */
export function EntityInnerSourceCard() {
  const { entity } = useEntity();
  const selector = useProjectSelector();

  if (!isInnerSourceProject(entity, selector)) {
    return (
      <InfoCard title={CARD_TITLE}>
        <Typography variant="body2" data-testid="innersource-not-a-project">
          This entity is not an InnerSource project. Tag it{' '}
          <code>innersource</code> or set the annotation{' '}
          <code>innersource/enabled: "true"</code> to list it and measure how
          open it is to contributions.
        </Typography>
      </InfoCard>
    );
  }

  return (
    <InfoCard title={CARD_TITLE}>
      <CardBody entityRef={stringifyEntityRef(entity)} />
    </InfoCard>
  );
}
