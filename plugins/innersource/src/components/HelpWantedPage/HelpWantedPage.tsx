import { EmptyState, Progress, WarningPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Grid from '@material-ui/core/Grid';
import MenuItem from '@material-ui/core/MenuItem';
import Paper from '@material-ui/core/Paper';
import Switch from '@material-ui/core/Switch';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import {
  INNERSOURCE_REFRESH_CHANNEL,
  parseTaskQuery,
  replaceTaskQuery,
  TASK_SORTS,
  TaskList,
  TaskMatchProfile,
  TaskQuery,
  TaskSort,
  withTaskQueryDefaults,
} from '@innersource-for-backstage/plugin-innersource-common';
import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { innersourceApiRef } from '../../api/InnerSourceApi';
import { CursorPager } from '../shared/CursorPager';
import { FacetList } from '../shared/FacetList';
import { TaskRow } from '../shared/TaskRow';
import { useRefreshSignal } from '../../hooks/useRefreshSignal';
import { DigestSetting } from './DigestSetting';
import { ProjectsAskingForHelp } from './ProjectsAskingForHelp';

const PAGE_SIZE = 20;

const FACETS = [
  { param: 'label', facet: 'labels', title: 'Labels' },
  { param: 'skill', facet: 'skills', title: 'Skills' },
  { param: 'language', facet: 'languages', title: 'Languages' },
  { param: 'owner', facet: 'owners', title: 'Owners' },
  { param: 'tier', facet: 'tiers', title: 'Project tiers' },
] as const;

/** Choices of the "Updated within" filter, in days; 0 is any time. */
const UPDATED_WITHIN = [
  { days: 0, label: 'Any time' },
  { days: 7, label: 'Last week' },
  { days: 30, label: 'Last 30 days' },
  { days: 90, label: 'Last 90 days' },
  { days: 180, label: 'Last 180 days' },
];

/** The choices, plus a shared link's own number of days when it is not one of them. */
function updatedWithinChoices(days: number | undefined) {
  return !days || UPDATED_WITHIN.some(c => c.days === days)
    ? UPDATED_WITHIN
    : [...UPDATED_WITHIN, { days, label: `Last ${days} days` }];
}

const SORT_LABELS: Record<TaskSort, string> = {
  updated: 'Recently updated',
  created: 'Newest',
  score: 'Project score',
  comments: 'Most discussed',
  match: 'Best match for me',
};

/**
 * The search as the URL holds it, so that a link can be shared; a value the
 * API would refuse is left out. The page decides its page size and facets.
 */
/** "3 tasks", "1,204 tasks", or "10,000+ tasks" when the search stopped counting. */
export function taskCount(list: Pick<TaskList, 'total' | 'totalIsLowerBound'>) {
  const count = list.total.toLocaleString('en-US');
  if (list.totalIsLowerBound) return `${count}+ tasks`;
  return `${count} ${list.total === 1 ? 'task' : 'tasks'}`;
}

function queryFromParams(params: URLSearchParams): TaskQuery {
  const query = parseTaskQuery(params, 'lenient');
  delete query.limit;
  delete query.facets;
  return query;
}

/** Whom "for me" ranked the list for, and what to do when it could not. */
function ForMeNote(props: { profile: TaskMatchProfile }) {
  const { skills, skillsFrom } = props.profile;
  const hidden = 'Projects owned by you or your teams are left out.';
  if (skillsFrom === 'none') {
    return (
      <WarningPanel
        severity="info"
        title="No skills to rank by"
        message={`Neither your User entity nor your teams list skills in the innersource/skills annotation, so tasks keep their order. ${hidden}`}
      />
    );
  }
  return (
    <Typography variant="body2" data-testid="for-me-note">
      Ranked by {skillsFrom === 'user' ? 'your' : "your teams'"} skills:{' '}
      <strong>{skills.join(', ')}</strong>. {hidden}
      {skillsFrom === 'teams' &&
        ' Add innersource/skills to your User entity to rank by your own.'}
    </Typography>
  );
}

/**
 * The help-wanted marketplace: open help-wanted and good-first issues of
 * every InnerSource project the user may read, searchable and filterable,
 * with every filter in the URL.
 */
export function HelpWantedPage() {
  const api = useApi(innersourceApiRef);
  const [params, setParams] = useSearchParams();
  const urlQuery = useMemo(() => queryFromParams(params), [params]);
  const query = useMemo(
    () => withTaskQueryDefaults({ ...urlQuery, limit: PAGE_SIZE }),
    [urlQuery],
  );
  const [text, setText] = useState(query.q ?? '');
  const [state, setState] = useState<{
    loading: boolean;
    list?: TaskList;
    error?: Error;
  }>({ loading: true });
  const [previous, setPrevious] = useState<Array<string | undefined>>([]);
  // A refresh stored new data: search again, keeping the list shown until the answer.
  const refreshed = useRefreshSignal(INNERSOURCE_REFRESH_CHANNEL);

  useEffect(() => {
    let cancelled = false;
    setState(s => ({ ...s, loading: true, error: undefined }));
    api.searchTasks(query).then(
      list => !cancelled && setState({ loading: false, list }),
      error => !cancelled && setState({ loading: false, error }),
    );
    return () => {
      cancelled = true;
    };
  }, [api, query, refreshed]);

  /** A new filter starts again from the first page. */
  const update = (change: Partial<TaskQuery>) => {
    setPrevious([]);
    setParams(
      replaceTaskQuery(params, { ...urlQuery, ...change, cursor: undefined }),
    );
  };
  const toggle = (
    key: (typeof FACETS)[number]['param'] | 'project',
    value: string,
  ) => {
    const values = urlQuery[key] ?? [];
    update({
      [key]: values.includes(value)
        ? values.filter(v => v !== value)
        : [...values, value],
    });
  };
  const goTo = (cursor: string | undefined) =>
    setParams(replaceTaskQuery(params, { ...urlQuery, cursor }));
  const filtered =
    Boolean(query.q) ||
    query.goodFirst ||
    query.forMe ||
    Boolean(query.updatedWithinDays) ||
    (query.project ?? []).length > 0 ||
    FACETS.some(f => (query[f.param] ?? []).length > 0);

  // Filters only tasks have: the projects asking for help do not apply then.
  const taskOnlyFilter =
    query.goodFirst ||
    query.forMe ||
    Boolean(query.updatedWithinDays) ||
    [query.label, query.language, query.project].some(
      values => (values ?? []).length > 0,
    );
  const askingFilter = {
    ...(query.q ? { q: query.q } : {}),
    skill: query.skill,
    owner: query.owner,
    tier: query.tier,
  };
  const list = state.list;
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <Box
          display="flex"
          flexWrap="wrap"
          alignItems="center"
          style={{ gap: 16 }}
        >
          <TextField
            variant="outlined"
            size="small"
            style={{ minWidth: 320, flex: 1 }}
            placeholder="Search tasks, labels, projects, skills"
            inputProps={{ 'aria-label': 'Search help-wanted tasks' }}
            value={text}
            onChange={e => setText(e.target.value)}
            onKeyDown={e => {
              if (e.key === 'Enter') update({ q: text.trim() || undefined });
            }}
          />
          <FormControlLabel
            control={
              <Switch
                checked={Boolean(query.goodFirst)}
                onChange={(_, checked) => update({ goodFirst: checked })}
              />
            }
            label="Good first issues only"
          />
          <FormControlLabel
            control={
              <Switch
                checked={Boolean(query.forMe)}
                onChange={(_, checked) =>
                  update({
                    forMe: checked,
                    // Ranking by skills goes with "for me" either way.
                    sort: urlQuery.sort === 'match' ? undefined : urlQuery.sort,
                  })
                }
              />
            }
            label="For me"
            title="Rank by your skills and leave out your own teams' projects"
          />
          <DigestSetting />
          <TextField
            select
            size="small"
            variant="outlined"
            label="Updated"
            value={query.updatedWithinDays ?? 0}
            onChange={e =>
              update({ updatedWithinDays: Number(e.target.value) || undefined })
            }
            SelectProps={{
              inputProps: { 'aria-label': 'Tasks updated within' },
            }}
          >
            {updatedWithinChoices(query.updatedWithinDays).map(choice => (
              <MenuItem key={choice.days} value={choice.days}>
                {choice.label}
              </MenuItem>
            ))}
          </TextField>
          <TextField
            select
            size="small"
            variant="outlined"
            label="Sort"
            value={query.sort}
            onChange={e => update({ sort: e.target.value as TaskSort })}
            SelectProps={{ inputProps: { 'aria-label': 'Sort tasks' } }}
          >
            {TASK_SORTS.filter(sort => query.forMe || sort !== 'match').map(
              sort => (
                <MenuItem key={sort} value={sort}>
                  {SORT_LABELS[sort]}
                </MenuItem>
              ),
            )}
          </TextField>
        </Box>
      </Grid>
      <Grid item xs={12} md={3}>
        <Paper
          variant="outlined"
          hidden={
            !filtered &&
            FACETS.every(f => (list?.facets[f.facet] ?? []).length === 0)
          }
        >
          <Box p={2} data-testid="task-facets">
            {FACETS.map(f => (
              <FacetList
                key={f.param}
                title={f.title}
                counts={list?.facets[f.facet] ?? []}
                atLeast={Boolean(list?.facetsCountedOver)}
                selected={query[f.param] ?? []}
                onToggle={value => toggle(f.param, value)}
              />
            ))}
            {filtered && (
              <Button
                size="small"
                onClick={() => {
                  setText('');
                  setPrevious([]);
                  setParams(replaceTaskQuery(params, {}));
                }}
              >
                Clear all filters
              </Button>
            )}
          </Box>
        </Paper>
      </Grid>
      <Grid item xs={12} md={9}>
        {state.error && (
          <WarningPanel
            severity="error"
            defaultExpanded
            title="Could not load the help-wanted tasks"
            message={state.error.message}
          />
        )}
        {query.forMe && list?.forMe && !state.loading && (
          <Box mb={2}>
            <ForMeNote profile={list.forMe} />
          </Box>
        )}
        {state.loading && <Progress />}
        {!state.loading && list && list.items.length === 0 && (
          <EmptyState
            missing={filtered ? 'data' : 'info'}
            title={
              filtered ? 'No task matches these filters' : 'No help wanted yet'
            }
            description={
              filtered
                ? 'Try fewer filters or other words.'
                : 'Open issues labelled "help wanted" or "good first issue" in the repositories of InnerSource projects appear here after the next refresh. ' +
                  'Issues are read from GitHub and GitLab, so those projects need a token for their host in the integrations config ' +
                  '(in the example portal, start it with GITHUB_TOKEN set and its GitHub projects bring their real issues). ' +
                  'Plain git repositories have no issues; projects whose innersource.json asks for help are listed below.'
            }
          />
        )}
        {(query.project ?? []).map(ref => (
          <Chip
            key={ref}
            label={`Project: ${ref}`}
            onDelete={() => toggle('project', ref)}
            style={{ marginBottom: 8, marginRight: 8 }}
          />
        ))}
        {list && list.items.length > 0 && (
          <Box data-testid="task-list">
            <Typography variant="body2" color="textSecondary">
              {taskCount(list)}
            </Typography>
            {list.items.map(task => (
              <TaskRow
                key={`${task.project.entityRef}/${task.id}`}
                task={task}
              />
            ))}
            <CursorPager
              cursor={query.cursor}
              nextCursor={list.nextCursor}
              previous={previous}
              onChange={(cursor, earlier) => {
                setPrevious(earlier);
                goTo(cursor);
              }}
            />
          </Box>
        )}
        {!taskOnlyFilter && (
          <ProjectsAskingForHelp
            key={JSON.stringify(askingFilter)}
            filter={askingFilter}
          />
        )}
      </Grid>
    </Grid>
  );
}
