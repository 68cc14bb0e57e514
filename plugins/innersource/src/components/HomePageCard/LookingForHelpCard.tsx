import {
  EmptyState,
  Link,
  Progress,
  WarningPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type { ProjectListItem } from '@innersource-for-backstage/plugin-innersource-common';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { innersourceApiRef } from '../../api/InnerSourceApi';
import { useHelpWantedLink } from '../../hooks/useHelpWantedLink';
import { ContributeLink } from '../ProjectsTab/DirectoryViews';
import { TierChip } from '../shared/TierChip';

export const LOOKING_FOR_HELP_TITLE = 'InnerSource projects looking for help';

function ProjectRow(props: { project: ProjectListItem }) {
  const { project } = props;
  const tasksLink = useHelpWantedLink(project.entityRef);
  const open = project.helpWanted ?? 0;
  const openText = `${open} open ${open === 1 ? 'task' : 'tasks'}`;
  return (
    <ListItem divider data-testid="looking-for-help-project">
      <ListItemText
        primary={
          <>
            <EntityRefLink
              entityRef={project.entityRef}
              title={project.title}
            />{' '}
            <TierChip tier={project.tier} />
          </>
        }
        secondary={
          <>
            {open > 0 && tasksLink ? (
              <Link to={tasksLink} underline="always">
                {openText}
              </Link>
            ) : (
              openText
            )}
            {project.contributions.length > 0 &&
              ` · asks for ${project.contributions.join(', ')}`}
            {' · '}
            <ContributeLink project={project} />
          </>
        }
        secondaryTypographyProps={{ component: 'div' }}
      />
    </ListItem>
  );
}

/**
 * The home page card: the best-scored projects the user may read that ask
 * for help, with open help-wanted issues or in their innersource.json.
 */
export function LookingForHelpContent(props: { limit?: number }) {
  const api = useApi(innersourceApiRef);
  const limit = props.limit ?? 5;
  const { value, loading, error } = useAsync(
    () => api.listProjects({ lookingForHelp: true, sort: 'score', limit }),
    [api, limit],
  );
  if (loading) return <Progress />;
  if (error) {
    return (
      <WarningPanel
        severity="error"
        title="Could not load the InnerSource projects"
        message={error.message}
      />
    );
  }
  if (!value || value.items.length === 0) {
    return (
      <EmptyState
        missing="data"
        title="No project is asking for help"
        description='Projects appear here when their repositories have issues labelled "help wanted" or "good first issue", or an innersource.json that lists contributions.'
      />
    );
  }
  return (
    <>
      <Typography variant="body2" color="textSecondary">
        Where other teams would welcome your contribution.
      </Typography>
      <List dense>
        {value.items.map(project => (
          <ProjectRow key={project.entityRef} project={project} />
        ))}
      </List>
    </>
  );
}
