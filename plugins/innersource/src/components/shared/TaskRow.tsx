import { Link } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import type { TaskListItem } from '@innersource-for-backstage/plugin-innersource-common';
import { externalUrl } from './externalUrl';
import { RelativeTime } from './RelativeTime';
import { TierChip } from './TierChip';

/** One help-wanted task: the issue with its labels and age, and its project. */
export function TaskRow(props: { task: TaskListItem; hideProject?: boolean }) {
  const { task } = props;
  const url = externalUrl(task.url);
  return (
    <Box
      py={1.5}
      borderBottom="1px solid rgba(128,128,128,0.2)"
      data-testid="task-row"
    >
      <Box
        display="flex"
        alignItems="center"
        flexWrap="wrap"
        style={{ gap: 8 }}
      >
        {url ? (
          <Link to={url} target="_blank" rel="noopener noreferrer">
            <Typography variant="subtitle1" component="span">
              {task.title}
            </Typography>
          </Link>
        ) : (
          <Typography variant="subtitle1" component="span">
            {task.title}
          </Typography>
        )}
        {task.stale && (
          <Chip
            size="small"
            variant="outlined"
            label="stale"
            title="No update for a long time"
          />
        )}
        {task.labels.map(label => (
          <Chip key={label} size="small" label={label} />
        ))}
      </Box>
      <Box
        display="flex"
        alignItems="center"
        flexWrap="wrap"
        mt={0.5}
        style={{ gap: 12 }}
      >
        <Typography variant="body2" color="textSecondary" component="span">
          {task.number ? `#${task.number} ` : ''}opened{' '}
          <RelativeTime at={task.createdAt} />, updated{' '}
          <RelativeTime at={task.updatedAt} /> · {task.comments}{' '}
          {task.comments === 1 ? 'comment' : 'comments'}
          {task.assignee ? ` · assigned to ${task.assignee}` : ''}
        </Typography>
        {!props.hideProject && (
          <>
            <EntityRefLink
              entityRef={task.project.entityRef}
              title={task.project.title}
            />
            <TierChip tier={task.project.tier} />
          </>
        )}
        {task.matchedSkills && task.matchedSkills.length > 0 && (
          <Typography variant="body2" component="span" color="primary">
            matches your skills: {task.matchedSkills.join(', ')}
          </Typography>
        )}
        {!props.hideProject && task.project.owner && (
          <Typography variant="body2" component="span">
            owned by <EntityRefLink entityRef={task.project.owner} />
          </Typography>
        )}
      </Box>
    </Box>
  );
}
