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
import Grid from '@material-ui/core/Grid';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import {
  isInnerSourceProject,
  ProjectSummary,
} from '@internal/plugin-innersource-common';
import { useProject } from '../../hooks/useProject';
import { useProjectSelector } from '../../hooks/useProjectSelector';
import { useHelpWantedLink } from '../../hooks/useHelpWantedLink';
import { formatMetric } from '../shared/format';
import { RelativeTime } from '../shared/RelativeTime';
import { Sparkline } from '../shared/Sparkline';
import { TierChip } from '../shared/TierChip';

const CARD_TITLE = 'InnerSource';

function Metric(props: {
  label: string;
  value: string;
  testId?: string;
  link?: string;
}) {
  return (
    <Grid item xs={6}>
      <Typography variant="caption" color="textSecondary" component="div">
        {props.label}
      </Typography>
      <Typography variant="body1" data-testid={props.testId}>
        {props.link ? <Link to={props.link}>{props.value}</Link> : props.value}
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
              {project.profile ?? 'default'}
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
          <Metric
            label="Commits"
            value={formatMetric(metrics?.commits)}
            testId="innersource-metric-commits"
          />
          <Metric
            label="Contributors"
            value={formatMetric(metrics?.contributors)}
            testId="innersource-metric-contributors"
          />
          <Metric
            label="Outside contributors"
            value={formatMetric(metrics?.outsideContributors)}
          />
          <Metric
            label="Unmapped contributors"
            value={formatMetric(metrics?.unmappedContributors)}
          />
          <Metric
            label="Outside contribution share"
            value={formatMetric(metrics?.outsideContributionShare, 'share')}
          />
          <Metric
            label="Median first response"
            value={formatMetric(
              metrics?.medianTimeToFirstResponseHours,
              'hours',
            )}
          />
          <Metric
            label="Open help wanted"
            value={formatMetric(metrics?.openHelpWanted)}
            testId="innersource-metric-help-wanted"
            link={metrics?.openHelpWanted ? helpWantedLink : undefined}
          />
          <Metric
            label="Open good first issues"
            value={formatMetric(metrics?.openGoodFirstIssues)}
            testId="innersource-metric-good-first"
            link={metrics?.openGoodFirstIssues ? goodFirstLink : undefined}
          />
        </Grid>
      </Box>
      {metrics?.weeklyCommits && (
        <Box mt={2}>
          <Typography variant="caption" color="textSecondary" component="div">
            Commits per week, last 13 weeks
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
  return <ProjectProfile project={project} detailsLink="innersource" />;
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
