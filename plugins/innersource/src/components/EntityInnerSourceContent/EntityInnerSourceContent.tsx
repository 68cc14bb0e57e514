import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  Content,
  EmptyState,
  InfoCard,
  Link,
  Progress,
  WarningPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemIcon from '@material-ui/core/ListItemIcon';
import ListItemText from '@material-ui/core/ListItemText';
import MenuItem from '@material-ui/core/MenuItem';
import Select from '@material-ui/core/Select';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import CheckIcon from '@material-ui/icons/CheckCircle';
import CrossIcon from '@material-ui/icons/Cancel';
import {
  DEFAULT_PROFILE_NAME,
  describeMetricDirection,
  formatMetricValue,
  innersourceProjectRefreshPermission,
  METRIC_DEFINITIONS,
  type ContributorSummary,
  type NumericMetricName,
  type ProjectSummary,
} from '@innersource-for-backstage/plugin-innersource-common';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { innersourceApiRef } from '../../api/InnerSourceApi';
import { useProject } from '../../hooks/useProject';
import { ProjectProfile } from '../EntityInnerSourceCard/EntityInnerSourceCard';
import { useHelpWantedLink } from '../../hooks/useHelpWantedLink';
import { LineChart } from '../shared/LineChart';
import { TaskRow } from '../shared/TaskRow';
import { NewcomerFunnel } from './NewcomerFunnel';
import { ReadinessPullRequestLink } from './ReadinessPullRequestLink';

/** The metrics the history chart offers, in order; labels and formats come from the catalogue. */
const HISTORY_METRICS: NumericMetricName[] = [
  'commits',
  'contributors',
  'outsideContributors',
  'outsideContributionShare',
  'agentContributions',
  'newContributors',
  'newcomerReturnRate',
  'medianTimeToFirstResponseHours',
  'p90TimeToFirstResponseHours',
  'medianTimeToMergeHours',
  'p90TimeToMergeHours',
  'contributorAbsenceFactor',
];

export function ReadinessChecklist(props: { project: ProjectSummary }) {
  const { readiness } = props.project;
  if (readiness.length === 0)
    return <Typography>No readiness checks yet.</Typography>;
  return (
    <List dense>
      {readiness.map(check => (
        <ListItem key={check.id} data-testid={`readiness-${check.id}`}>
          <ListItemIcon>
            {check.passed ? (
              <CheckIcon style={{ color: '#2e7d32' }} titleAccess="passed" />
            ) : (
              <CrossIcon color="error" titleAccess="failed" />
            )}
          </ListItemIcon>
          <ListItemText
            primary={check.title}
            secondary={check.passed ? undefined : check.advice}
            secondaryTypographyProps={{ style: { whiteSpace: 'normal' } }}
          />
        </ListItem>
      ))}
    </List>
  );
}

export function ScoreExplanation(props: { project: ProjectSummary }) {
  const { project } = props;
  return (
    <>
      <Typography variant="body2" gutterBottom>
        Score <b data-testid="innersource-tab-score">{project.score}</b> of 100,
        scored by the <b>{project.profile ?? DEFAULT_PROFILE_NAME}</b> profile:
        each dimension's value times its weight, over the sum of the weights of
        the dimensions that could be measured.
      </Typography>
      <Table size="small">
        <TableHead>
          <TableRow>
            <TableCell>Dimension</TableCell>
            <TableCell align="right">Value</TableCell>
            <TableCell align="right">Weight</TableCell>
            <TableCell align="right">Points</TableCell>
            <TableCell>Why</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {project.dimensions.map(d => (
            <TableRow key={d.id}>
              <TableCell>{d.title}</TableCell>
              <TableCell align="right">{d.value ?? 'unknown'}</TableCell>
              <TableCell align="right">{d.weight}</TableCell>
              <TableCell align="right">{d.points}</TableCell>
              <TableCell>{d.explanation}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </>
  );
}

function MetricHistoryPanel(props: { entityRef: string }) {
  const api = useApi(innersourceApiRef);
  const [metric, setMetric] = useState<NumericMetricName>('commits');
  const [days, setDays] = useState(90);
  const history = useAsync(
    () => api.getHistory(props.entityRef, metric, days),
    [api, props.entityRef, metric, days],
  );
  const { label, format, description, direction } = METRIC_DEFINITIONS[metric];
  return (
    <>
      <Box display="flex" style={{ gap: 16 }} mb={2}>
        <Select
          value={metric}
          onChange={e => setMetric(e.target.value as NumericMetricName)}
          inputProps={{ 'aria-label': 'Metric' }}
        >
          {HISTORY_METRICS.map(key => (
            <MenuItem key={key} value={key}>
              {METRIC_DEFINITIONS[key].label}
            </MenuItem>
          ))}
        </Select>
        <Select
          value={days}
          onChange={e => setDays(Number(e.target.value))}
          inputProps={{ 'aria-label': 'Period' }}
        >
          {[90, 180, 365].map(d => (
            <MenuItem key={d} value={d}>
              last {d} days
            </MenuItem>
          ))}
        </Select>
      </Box>
      <Typography variant="body2" color="textSecondary" gutterBottom>
        {description} {describeMetricDirection(direction)}
      </Typography>
      {history.loading && <Progress />}
      {history.error && (
        <WarningPanel
          defaultExpanded
          severity="error"
          title="Could not load the history"
          message={history.error.message}
        />
      )}
      {history.value && (
        <LineChart
          points={history.value.points}
          label={label}
          format={value => formatMetricValue(value, format)}
        />
      )}
    </>
  );
}

function ContributorList(props: {
  title: string;
  people: ContributorSummary[];
  empty: string;
}) {
  return (
    <>
      <Typography variant="subtitle2">
        {props.title} ({props.people.length})
      </Typography>
      {props.people.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          {props.empty}
        </Typography>
      ) : (
        <List dense>
          {props.people.map(person => (
            <ListItem key={person.key}>
              <ListItemText
                primary={
                  person.userRef ? (
                    <EntityRefLink
                      entityRef={person.userRef}
                      title={person.displayName}
                    />
                  ) : (
                    person.displayName
                  )
                }
                secondary={`${person.commits} commits, ${person.pullRequests} pull requests`}
              />
            </ListItem>
          ))}
        </List>
      )}
    </>
  );
}

function ContributorsPanel(props: { entityRef: string }) {
  const api = useApi(innersourceApiRef);
  const { value, loading, error } = useAsync(
    () => api.getContributors(props.entityRef),
    [api, props.entityRef],
  );
  if (loading) return <Progress />;
  if (error)
    return (
      <WarningPanel
        defaultExpanded
        severity="error"
        title="Could not load the contributors"
        message={error.message}
      />
    );
  return (
    <Grid container spacing={2}>
      <Grid item xs={12} md={4}>
        <ContributorList
          title="Inside the owning team"
          people={value!.inside}
          empty="Nobody from the owning team in this window."
        />
      </Grid>
      <Grid item xs={12} md={4}>
        <ContributorList
          title="From other teams"
          people={value!.outside}
          empty="No outside contributions yet."
        />
      </Grid>
      <Grid item xs={12} md={4}>
        <ContributorList
          title="Unmapped"
          people={value!.unmapped}
          empty="Everyone matched a catalog user."
        />
      </Grid>
    </Grid>
  );
}

function ProjectTasks(props: { entityRef: string }) {
  const api = useApi(innersourceApiRef);
  const link = useHelpWantedLink(props.entityRef);
  const { value, loading, error } = useAsync(
    () => api.searchTasks({ project: [props.entityRef], limit: 10 }),
    [api, props.entityRef],
  );
  if (loading) return <Progress />;
  if (error)
    return (
      <WarningPanel
        severity="error"
        title="Could not load the help-wanted tasks"
        message={error.message}
      />
    );
  if (!value || value.items.length === 0)
    return (
      <Typography variant="body2">
        No open issue of this project carries a help-wanted or good-first-issue
        label.
      </Typography>
    );
  return (
    <Box data-testid="innersource-tab-tasks">
      {value.items.map(task => (
        <TaskRow key={task.id} task={task} hideProject />
      ))}
      {link && value.total > value.items.length && (
        <Box mt={1}>
          <Link to={link}>All {value.total} tasks on the help-wanted page</Link>
        </Box>
      )}
    </Box>
  );
}

function RefreshButton(props: { entityRef: string }) {
  const api = useApi(innersourceApiRef);
  // Per entity: the portal's policy lets the project's owners refresh it.
  const permission = usePermission({
    permission: innersourceProjectRefreshPermission,
    resourceRef: props.entityRef,
  });
  const [state, refresh] = useAsyncFn(
    () => api.requestRefresh(props.entityRef),
    [api, props.entityRef],
  );
  if (!permission.allowed) return null;
  return (
    <Box display="flex" alignItems="center" style={{ gap: 12 }}>
      <Button
        variant="outlined"
        size="small"
        onClick={refresh}
        disabled={state.loading}
      >
        Refresh now
      </Button>
      {state.value && (
        <Typography variant="body2">
          Refresh {state.value.status}; reload in a moment.
        </Typography>
      )}
      {state.error && (
        <Typography variant="body2" color="error">
          {state.error.name === 'NotAllowedError' ||
          /403/.test(state.error.message)
            ? 'You may not refresh this project.'
            : state.error.message}
        </Typography>
      )}
    </Box>
  );
}

/** The InnerSource tab of an entity: the whole profile and how to improve it. */
export function EntityInnerSourceContent() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const { value: project, loading, error } = useProject(entityRef);

  if (loading) return <Progress />;
  if (error)
    return (
      <WarningPanel
        defaultExpanded
        severity="error"
        title="Could not load the InnerSource profile"
        message={error.message}
      />
    );
  if (!project || project.score === null) {
    return (
      <Content>
        <EmptyState
          missing="data"
          title={
            project?.status === 'failed'
              ? 'Collection failed'
              : 'Not collected yet'
          }
          description={
            project?.errors[0]?.message ??
            'This project has not been measured yet.'
          }
          action={<RefreshButton entityRef={entityRef} />}
        />
      </Content>
    );
  }

  return (
    <Grid container spacing={3}>
      <Grid item xs={12} md={5}>
        <InfoCard
          title="Profile"
          action={<RefreshButton entityRef={entityRef} />}
        >
          <ProjectProfile project={project} />
          <Typography variant="caption" component="div">
            Commits in the window:{' '}
            <span data-testid="innersource-tab-commits">
              {project.metrics?.commits ?? 'unknown'}
            </span>
          </Typography>
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={7}>
        <InfoCard title="Readiness checklist">
          <ReadinessChecklist project={project} />
          <ReadinessPullRequestLink project={project} />
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <InfoCard title="How the score came about">
          <ScoreExplanation project={project} />
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <InfoCard title="History">
          <MetricHistoryPanel entityRef={entityRef} />
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <InfoCard title="Help wanted">
          <ProjectTasks entityRef={entityRef} />
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <InfoCard title="Newcomers, bots and agents">
          <NewcomerFunnel metrics={project.metrics} />
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <InfoCard title="Contributors">
          <ContributorsPanel entityRef={entityRef} />
        </InfoCard>
      </Grid>
    </Grid>
  );
}
