import { Progress, WarningPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import type {
  ProjectListItem,
  ProjectListRequest,
} from '@innersource-for-backstage/plugin-innersource-common';
import { useEffect, useState } from 'react';
import { innersourceApiRef } from '../../api/InnerSourceApi';
import { TierChip } from '../shared/TierChip';

const PAGE_SIZE = 5;

function AskingProject(props: { project: ProjectListItem }) {
  const { project } = props;
  return (
    <Box
      py={1.5}
      borderBottom="1px solid rgba(128,128,128,0.2)"
      data-testid="asking-project"
    >
      <Box
        display="flex"
        alignItems="center"
        flexWrap="wrap"
        style={{ gap: 8 }}
      >
        <Typography variant="subtitle1" component="span">
          <EntityRefLink entityRef={project.entityRef} title={project.title} />
        </Typography>
        <TierChip tier={project.tier} />
        {project.owner && (
          <Typography variant="body2" component="span">
            owned by <EntityRefLink entityRef={project.owner} />
          </Typography>
        )}
      </Box>
      {/* body text, not textSecondary: grey on the page's background is below WCAG AA contrast (axe) */}
      {project.motivation && (
        <Typography variant="body2">{project.motivation}</Typography>
      )}
      {project.contributions.length > 0 && (
        <>
          <Typography variant="body2">Asks for help with:</Typography>
          <ul style={{ margin: '4px 0' }}>
            {project.contributions.map(ask => (
              <li key={ask}>
                <Typography variant="body2">{ask}</Typography>
              </li>
            ))}
          </ul>
        </>
      )}
      {project.skills.length > 0 && (
        <Box display="flex" flexWrap="wrap" style={{ gap: 4 }}>
          {project.skills.map(skill => (
            <Chip key={skill} size="small" variant="outlined" label={skill} />
          ))}
        </Box>
      )}
    </Box>
  );
}

/**
 * Projects whose innersource.json asks for contributions or skills, labelled
 * issues or not, under the same words and filters as the task list. Keyed by
 * its filter where it is used, so a new filter starts from the first page.
 */
export function ProjectsAskingForHelp(props: {
  filter: Pick<ProjectListRequest, 'q' | 'skill' | 'owner' | 'tier'>;
}) {
  const api = useApi(innersourceApiRef);
  const { q, skill, owner, tier } = props.filter;
  const [state, setState] = useState<{
    loading: boolean;
    items: ProjectListItem[];
    nextCursor?: string;
    error?: Error;
  }>({ loading: true, items: [] });
  const [cursor, setCursor] = useState<string | undefined>();
  const filterKey = JSON.stringify([q, skill, owner, tier]);

  useEffect(() => {
    let cancelled = false;
    setState(s => ({ ...s, loading: true, error: undefined }));
    const [fq, fskill, fowner, ftier] = JSON.parse(filterKey);
    api
      .listProjects({
        asking: true,
        ...(fq ? { q: fq } : {}),
        skill: fskill,
        owner: fowner,
        tier: ftier,
        limit: PAGE_SIZE,
        cursor,
      })
      .then(
        page =>
          !cancelled &&
          setState(s => ({
            loading: false,
            items: cursor ? [...s.items, ...page.items] : page.items,
            nextCursor: page.nextCursor,
          })),
        error => !cancelled && setState(s => ({ ...s, loading: false, error })),
      );
    return () => {
      cancelled = true;
    };
  }, [api, filterKey, cursor]);

  if (state.error) {
    return (
      <WarningPanel
        severity="error"
        title="Could not load the projects asking for help"
        message={state.error.message}
      />
    );
  }
  if (!state.loading && state.items.length === 0) return null;
  return (
    <Box mt={4} data-testid="projects-asking-for-help">
      <Typography variant="h6" component="h2">
        Projects asking for help
      </Typography>
      <Typography variant="body2">
        What the projects&apos; innersource.json files ask for, with or without
        labelled issues.
      </Typography>
      {state.items.map(project => (
        <AskingProject key={project.entityRef} project={project} />
      ))}
      {state.loading && <Progress />}
      {!state.loading && state.nextCursor && (
        <Button onClick={() => setCursor(state.nextCursor)}>
          More projects
        </Button>
      )}
    </Box>
  );
}
