import { Link, Table, TableColumn } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type { ProjectListItem } from '@innersource-for-backstage/plugin-innersource-common';
import Box from '@material-ui/core/Box';
import Card from '@material-ui/core/Card';
import CardActions from '@material-ui/core/CardActions';
import CardContent from '@material-ui/core/CardContent';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { externalUrl } from '../shared/externalUrl';
import { RelativeTime } from '../shared/RelativeTime';
import { TierChip } from '../shared/TierChip';

const shortRef = (ref: string) => ref.replace(/^[a-z]+:default\//, '');
const count = (n: number | null | undefined) =>
  n === null || n === undefined ? '–' : String(n);

/** "Contribute" to the project's guide, docs or repository: web links only. */
export function ContributeLink(props: { project: ProjectListItem }) {
  const url = externalUrl(props.project.contributeUrl);
  if (!url) return <span>–</span>;
  const name = props.project.title ?? shortRef(props.project.entityRef);
  return (
    <Link to={url} aria-label={`Contribute to ${name}`} underline="always">
      Contribute
    </Link>
  );
}

const nowrap = { whiteSpace: 'nowrap' } as const;

const columns: TableColumn<ProjectListItem>[] = [
  {
    title: 'Project',
    field: 'entityRef',
    cellStyle: { minWidth: 180 },
    render: p => <EntityRefLink entityRef={p.entityRef} title={p.title} />,
  },
  {
    title: 'Tier and score',
    cellStyle: nowrap,
    render: p => (
      <>
        <TierChip tier={p.tier} /> {p.score ?? '–'}
      </>
    ),
  },
  {
    title: 'Activity',
    cellStyle: { minWidth: 120 },
    render: p => (
      <>
        {p.activity?.band ?? 'unknown'}
        <Typography variant="caption" component="div">
          last <RelativeTime at={p.lastActivityAt ?? null} />
        </Typography>
      </>
    ),
  },
  {
    title: 'Owner',
    field: 'owner',
    cellStyle: nowrap,
    render: p => (p.owner ? <EntityRefLink entityRef={p.owner} /> : '–'),
  },
  { title: 'Language', render: p => p.language ?? '–' },
  { title: 'Skills', render: p => p.skills.join(', ') || '–' },
  { title: 'Help wanted', render: p => count(p.helpWanted) },
  { title: 'Contribute', render: p => <ContributeLink project={p} /> },
];

export function DirectoryTable(props: {
  items: ProjectListItem[];
  loading: boolean;
  title: string;
}) {
  return (
    <Table<ProjectListItem>
      title={props.title}
      isLoading={props.loading}
      columns={columns}
      data={props.items}
      options={{
        paging: false,
        search: false,
        padding: 'dense',
        sorting: false,
      }}
    />
  );
}

function ProjectCard(props: { project: ProjectListItem }) {
  const { project: p } = props;
  return (
    <Card
      variant="outlined"
      style={{ height: '100%' }}
      data-testid="project-card"
    >
      <CardContent>
        <Box display="flex" justifyContent="space-between" alignItems="center">
          <Typography variant="h6" component="h2">
            <EntityRefLink entityRef={p.entityRef} title={p.title} />
          </Typography>
          <TierChip tier={p.tier} />
        </Box>
        <Typography variant="body2" color="textSecondary">
          Score {p.score ?? '–'} · activity {p.activity?.band ?? 'unknown'} ·{' '}
          {count(p.helpWanted)} help wanted
        </Typography>
        {p.description && (
          <Typography variant="body2" style={{ marginTop: 8 }}>
            {p.description}
          </Typography>
        )}
        <Typography variant="caption" component="div" style={{ marginTop: 8 }}>
          {p.owner && (
            <>
              Owner <EntityRefLink entityRef={p.owner} /> ·{' '}
            </>
          )}
          {p.language ?? 'language unknown'}
          {p.skills.length > 0 && ` · ${p.skills.join(', ')}`} · last activity{' '}
          <RelativeTime at={p.lastActivityAt ?? null} />
        </Typography>
      </CardContent>
      <CardActions>
        <ContributeLink project={p} />
      </CardActions>
    </Card>
  );
}

export function DirectoryCards(props: { items: ProjectListItem[] }) {
  return (
    <Grid
      container
      spacing={2}
      component="ul"
      style={{ listStyle: 'none', padding: 0 }}
    >
      {props.items.map(p => (
        <Grid item xs={12} md={6} lg={4} key={p.entityRef} component="li">
          <ProjectCard project={p} />
        </Grid>
      ))}
    </Grid>
  );
}
