import { Table, TableColumn, WarningPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import {
  innersourceScoringPreviewPermission,
  ScoringPreviewResponse,
  TierChange,
  TierCount,
  TierDefinition,
} from '@innersource-for-backstage/plugin-innersource-common';
import { useState } from 'react';
import { innersourceApiRef } from '../../api/InnerSourceApi';
import { ScoreHistogram } from './ScoreHistogram';
import { candidateText, parseCandidate } from './candidate';

const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

const changeColumns: TableColumn<TierChange>[] = [
  {
    title: 'Project',
    field: 'entityRef',
    render: c => <EntityRefLink entityRef={c.entityRef} />,
  },
  {
    title: 'Now',
    field: 'before.tier',
    render: c => `${c.before.tier} (${c.before.score})`,
  },
  {
    title: 'With the candidate',
    field: 'after.tier',
    render: c => `${c.after.tier} (${c.after.score})`,
  },
  { title: 'Profile', field: 'after.profile' },
  {
    title: 'Score change',
    field: 'delta',
    type: 'numeric',
    render: c => signed(c.delta),
  },
];

function TierCounts(props: {
  title: string;
  counts: TierCount[];
  tiers: TierDefinition[];
  testId: string;
}) {
  const colorOf = (name: string) =>
    props.tiers.find(t => t.name === name)?.color;
  return (
    <Box data-testid={props.testId}>
      <Typography variant="subtitle2">{props.title}</Typography>
      {props.counts.length === 0 && (
        <Typography variant="body2">No scored projects.</Typography>
      )}
      {props.counts.map(({ tier, count }) => (
        <Box
          key={tier}
          display="flex"
          alignItems="center"
          data-testid="tier-count"
          data-tier={tier}
          data-count={count}
        >
          <Box
            component="span"
            width={10}
            height={10}
            mr={1}
            borderRadius={2}
            style={{ backgroundColor: colorOf(tier) ?? '#9e9e9e' }}
          />
          <Typography variant="body2">
            {tier}: {count}
          </Typography>
        </Box>
      ))}
    </Box>
  );
}

function errorMessage(error: unknown): string {
  if (ResponseError.is(error)) return error.cause.message;
  return (error as Error).message;
}

/**
 * Where a platform engineer edits a candidate `innersource.scoring` block and
 * sees what it would do to today's projects, before it ships.
 */
export function ScoringPreviewPanel(props: {
  activeBlock: Record<string, unknown>;
  activeTiers: TierDefinition[];
}) {
  const api = useApi(innersourceApiRef);
  const permission = usePermission({
    permission: innersourceScoringPreviewPermission,
  });
  const [text, setText] = useState(() => candidateText(props.activeBlock));
  const [state, setState] = useState<{
    loading: boolean;
    error?: string;
    preview?: ScoringPreviewResponse;
  }>({ loading: false });

  const runPreview = async () => {
    const candidate = parseCandidate(text);
    if ('error' in candidate) {
      setState({ loading: false, error: candidate.error });
      return;
    }
    setState({ loading: true });
    try {
      setState({
        loading: false,
        preview: await api.previewScoring(candidate.block),
      });
    } catch (error) {
      setState({ loading: false, error: errorMessage(error) });
    }
  };

  if (!permission.loading && !permission.allowed) {
    return (
      <WarningPanel
        severity="info"
        defaultExpanded
        title="You may not preview scoring changes"
        message={`Previewing a change needs the ${innersourceScoringPreviewPermission.name} permission, which you do not have. You can read the active model above; ask the team that runs your Backstage to grant it if you configure scoring.`}
      />
    );
  }

  const { preview } = state;
  return (
    <Box>
      <Typography variant="body2" paragraph>
        Edit a candidate <code>innersource.scoring</code> block (YAML, as in
        app-config) and preview it: every stored project is scored under it, no
        forge is called, and nothing changes until the block ships in
        app-config.
      </Typography>
      <TextField
        multiline
        fullWidth
        variant="outlined"
        minRows={10}
        maxRows={30}
        value={text}
        onChange={e => setText(e.target.value)}
        inputProps={{
          'aria-label': 'Candidate scoring block (YAML)',
          spellCheck: false,
          style: { fontFamily: 'monospace', fontSize: 13 },
        }}
      />
      <Box display="flex" mt={1} mb={2} style={{ gap: 8 }}>
        <Button
          variant="contained"
          color="primary"
          onClick={runPreview}
          disabled={state.loading || permission.loading}
        >
          {state.loading ? 'Scoring every project…' : 'Preview'}
        </Button>
        <Button
          onClick={() => {
            setText(candidateText(props.activeBlock));
            setState({ loading: false });
          }}
        >
          Reset to the active block
        </Button>
      </Box>
      {state.error && (
        <WarningPanel
          severity="error"
          defaultExpanded
          title="The candidate was not previewed"
          message={state.error}
        />
      )}
      {preview && (
        <Box data-testid="preview-result">
          <Typography variant="body1" paragraph>
            {preview.projects} projects you may read scored;{' '}
            <strong>{preview.changedProjects}</strong> would change tier.
          </Typography>
          <Grid container spacing={2}>
            <Grid item xs={12} md={6}>
              <ScoreHistogram
                label="Scores now"
                counts={preview.histogram.before}
                tiers={props.activeTiers}
              />
              <TierCounts
                title="Now"
                counts={preview.before}
                tiers={props.activeTiers}
                testId="preview-before"
              />
            </Grid>
            <Grid item xs={12} md={6}>
              <ScoreHistogram
                label="Scores with the candidate"
                counts={preview.histogram.after}
                tiers={preview.tiers}
                testId="preview-histogram-after"
              />
              <TierCounts
                title="With the candidate"
                counts={preview.after}
                tiers={preview.tiers}
                testId="preview-after"
              />
            </Grid>
          </Grid>
          {preview.profileErrors.length > 0 && (
            <Box mt={2}>
              <WarningPanel
                severity="warning"
                title={`${preview.profileErrors.length} projects name a profile the candidate lacks`}
                message={`They would be scored by the candidate's default model: ${preview.profileErrors
                  .map(e => e.entityRef)
                  .join(', ')}`}
              />
            </Box>
          )}
          {preview.changes.length > 0 && (
            <Box mt={2}>
              <Table<TierChange>
                title="Projects that change tier, largest score change first"
                columns={changeColumns}
                data={preview.changes}
                options={{
                  paging: preview.changes.length > 10,
                  pageSize: 10,
                  search: false,
                  padding: 'dense',
                }}
              />
              {preview.changedProjects > preview.changes.length && (
                <Typography variant="caption">
                  Showing {preview.changes.length} of {preview.changedProjects}:
                  the ones you may read, largest change first.
                </Typography>
              )}
            </Box>
          )}
        </Box>
      )}
    </Box>
  );
}
