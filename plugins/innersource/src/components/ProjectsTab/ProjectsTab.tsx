import { EmptyState, Progress, WarningPanel } from '@backstage/core-components';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import {
  parseProjectListRequest,
  PROJECT_SORTS,
  ProjectFacets,
  ProjectList,
  ProjectListItem,
  ProjectListRequest,
  ProjectSort,
  replaceProjectListRequest,
} from '@innersource-for-backstage/plugin-innersource-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import ButtonGroup from '@material-ui/core/ButtonGroup';
import Grid from '@material-ui/core/Grid';
import MenuItem from '@material-ui/core/MenuItem';
import Paper from '@material-ui/core/Paper';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { innersourceApiRef } from '../../api/InnerSourceApi';
import type { InnerSourceApi } from '../../api/InnerSourceApi';
import { CursorPager } from '../shared/CursorPager';
import { FacetList } from '../shared/FacetList';
import { projectsCsv } from './csv';
import { DirectoryCards, DirectoryTable } from './DirectoryViews';

const PAGE_SIZE = 20;
/** Pages of 100 read for an export, at most: 5,000 projects. */
const EXPORT_PAGES = 50;

const FACETS = [
  { param: 'tier', facet: 'tiers', title: 'Tiers' },
  { param: 'owner', facet: 'owners', title: 'Owners' },
  { param: 'kind', facet: 'kinds', title: 'Kinds' },
  { param: 'language', facet: 'languages', title: 'Languages' },
  { param: 'skill', facet: 'skills', title: 'Skills' },
  { param: 'tag', facet: 'tags', title: 'Tags' },
] as const satisfies ReadonlyArray<{
  param: keyof ProjectListRequest;
  facet: keyof ProjectFacets;
  title: string;
}>;

const SORT_LABELS: Record<ProjectSort, string> = {
  score: 'Score',
  activity: 'Activity',
  name: 'Name',
  recent: 'Recent activity',
};

type View = 'table' | 'cards';
const VIEW_KEY = 'view';

/** The directory as the URL holds it (a value the API would refuse is left out); the page sets its own size and counts. */
function requestFromParams(params: URLSearchParams): ProjectListRequest {
  const request = parseProjectListRequest(params, 'lenient');
  delete request.limit;
  delete request.facets;
  return request;
}

/** Every project matching the request, in its order, a page of 100 at a time. */
async function allMatching(
  api: InnerSourceApi,
  request: ProjectListRequest,
): Promise<{ items: ProjectListItem[]; complete: boolean }> {
  const items: ProjectListItem[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < EXPORT_PAGES; page++) {
    const list = await api.listProjects({ ...request, limit: 100, cursor });
    items.push(...list.items);
    cursor = list.nextCursor;
    if (!cursor) return { items, complete: true };
  }
  return { items, complete: false };
}

function download(csv: string, filename: string) {
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}

/**
 * The InnerSource project directory (the Projects tab): every project the
 * user may read, searchable, filtered by facets with counts, sorted, in a
 * table or as cards, with every filter in the URL and the view exportable
 * as CSV.
 */
export function ProjectsTab() {
  const api = useApi(innersourceApiRef);
  const alertApi = useApi(alertApiRef);
  const [params, setParams] = useSearchParams();
  const urlRequest = useMemo(() => requestFromParams(params), [params]);
  const view: View = params.get(VIEW_KEY) === 'cards' ? 'cards' : 'table';
  const [text, setText] = useState(urlRequest.q ?? '');
  const [previous, setPrevious] = useState<Array<string | undefined>>([]);
  const [exporting, setExporting] = useState(false);
  const [state, setState] = useState<{
    loading: boolean;
    list?: ProjectList;
    error?: Error;
  }>({ loading: true });

  useEffect(() => {
    let cancelled = false;
    setState(s => ({ ...s, loading: true, error: undefined }));
    api.listProjects({ ...urlRequest, limit: PAGE_SIZE, facets: true }).then(
      list => !cancelled && setState({ loading: false, list }),
      error => !cancelled && setState({ loading: false, error }),
    );
    return () => {
      cancelled = true;
    };
  }, [api, urlRequest]);

  /** A new filter or order starts again from the first page. */
  const update = (change: Partial<ProjectListRequest>) => {
    setPrevious([]);
    setParams(
      replaceProjectListRequest(params, {
        ...urlRequest,
        ...change,
        cursor: undefined,
      }),
    );
  };
  const toggle = (key: (typeof FACETS)[number]['param'], value: string) => {
    const values = urlRequest[key] ?? [];
    update({
      [key]: values.includes(value)
        ? values.filter(v => v !== value)
        : [...values, value],
    });
  };
  const setView = (next: View) => {
    const changed = new URLSearchParams(params);
    if (next === 'cards') changed.set(VIEW_KEY, 'cards');
    else changed.delete(VIEW_KEY);
    setParams(changed);
  };
  const exportCsv = async () => {
    setExporting(true);
    try {
      const { cursor: _ignored, ...request } = urlRequest;
      const { items, complete } = await allMatching(api, request);
      download(projectsCsv(items), 'innersource-projects.csv');
      if (!complete)
        alertApi.post({
          message: `Exported the first ${items.length} projects; narrow the filters to export the rest.`,
          severity: 'warning',
        });
    } catch (error) {
      alertApi.post({
        message: `Could not export the projects: ${(error as Error).message}`,
        severity: 'error',
      });
    } finally {
      setExporting(false);
    }
  };

  const filtered =
    Boolean(urlRequest.q) ||
    FACETS.some(f => (urlRequest[f.param] ?? []).length > 0);
  const { list, loading, error } = state;
  const sort = urlRequest.sort ?? 'score';

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
            placeholder="Search projects, skills, descriptions"
            inputProps={{ 'aria-label': 'Search InnerSource projects' }}
            value={text}
            onChange={e => setText(e.target.value)}
            onKeyDown={e => {
              if (e.key === 'Enter') update({ q: text.trim() || undefined });
            }}
          />
          <TextField
            select
            size="small"
            variant="outlined"
            label="Sort"
            value={sort}
            onChange={e => update({ sort: e.target.value as ProjectSort })}
            SelectProps={{ inputProps: { 'aria-label': 'Sort projects' } }}
          >
            {PROJECT_SORTS.map(s => (
              <MenuItem key={s} value={s}>
                {SORT_LABELS[s]}
              </MenuItem>
            ))}
          </TextField>
          <ButtonGroup size="small" aria-label="View">
            {(['table', 'cards'] as const).map(v => (
              <Button
                key={v}
                variant={view === v ? 'contained' : 'outlined'}
                color={view === v ? 'primary' : 'default'}
                aria-pressed={view === v}
                onClick={() => setView(v)}
              >
                {v === 'table' ? 'Table' : 'Cards'}
              </Button>
            ))}
          </ButtonGroup>
          <Button
            variant="outlined"
            size="small"
            disabled={exporting || !list || list.items.length === 0}
            onClick={exportCsv}
          >
            {exporting ? 'Exporting…' : 'Export CSV'}
          </Button>
        </Box>
      </Grid>
      <Grid item xs={12} md={3} lg={2}>
        <Paper variant="outlined">
          <Box p={2} data-testid="project-facets">
            {FACETS.map(f => (
              <FacetList
                key={f.param}
                title={f.title}
                counts={list?.facets?.[f.facet] ?? []}
                selected={urlRequest[f.param] ?? []}
                onToggle={value => toggle(f.param, value)}
              />
            ))}
            {filtered && (
              <Button
                size="small"
                onClick={() => {
                  setText('');
                  update({
                    q: undefined,
                    ...Object.fromEntries(
                      FACETS.map(f => [f.param, undefined]),
                    ),
                  });
                }}
              >
                Clear all filters
              </Button>
            )}
          </Box>
        </Paper>
      </Grid>
      <Grid item xs={12} md={9} lg={10}>
        {error && (
          <WarningPanel
            defaultExpanded
            severity="error"
            title="Could not load the InnerSource projects"
            message={error.message}
          />
        )}
        {loading && !list && <Progress />}
        {!loading && list && list.items.length === 0 && (
          <EmptyState
            missing={filtered ? 'data' : 'info'}
            title={
              filtered
                ? 'No project matches these filters'
                : 'No InnerSource projects measured yet'
            }
            description={
              filtered
                ? 'Try fewer filters or other words.'
                : 'Tag catalog entities with innersource (or annotate them with innersource/enabled: "true") and they appear here once they have been collected.'
            }
          />
        )}
        {list && list.items.length > 0 && (
          <Box data-testid="project-directory" aria-busy={loading}>
            <Typography variant="body2" role="status">
              {list.total} {list.total === 1 ? 'project' : 'projects'}
            </Typography>
            {view === 'table' ? (
              <DirectoryTable
                items={list.items}
                loading={loading}
                title={`InnerSource projects, by ${SORT_LABELS[
                  sort
                ].toLocaleLowerCase('en-US')}`}
              />
            ) : (
              <DirectoryCards items={list.items} />
            )}
            <CursorPager
              cursor={urlRequest.cursor}
              nextCursor={list.nextCursor}
              previous={previous}
              onChange={(cursor, earlier) => {
                setPrevious(earlier);
                setParams(
                  replaceProjectListRequest(params, { ...urlRequest, cursor }),
                );
              }}
            />
          </Box>
        )}
      </Grid>
    </Grid>
  );
}
