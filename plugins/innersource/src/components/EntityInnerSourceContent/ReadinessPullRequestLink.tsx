import { LinkButton } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import type { ProjectSummary } from '@innersource-for-backstage/plugin-innersource-common';
import { useReadinessTemplateLink } from '../../hooks/useReadinessTemplateLink';

/**
 * Under a checklist with a failing check: a link to the software template
 * that proposes the missing files in one pull request, for this entity.
 */
export function ReadinessPullRequestLink(props: { project: ProjectSummary }) {
  const { project } = props;
  const failing = project.readiness.some(check => !check.passed);
  const url = useReadinessTemplateLink(project.entityRef, failing);
  if (!url) return null;
  return (
    <Box mt={1}>
      <LinkButton
        to={url}
        variant="outlined"
        color="primary"
        data-testid="readiness-pull-request-link"
      >
        Propose the missing files in a pull request
      </LinkButton>
      <Typography variant="body2" color="textSecondary">
        Opens a software template for this project; its dry run shows the files
        and labels before anything is written.
      </Typography>
    </Box>
  );
}
