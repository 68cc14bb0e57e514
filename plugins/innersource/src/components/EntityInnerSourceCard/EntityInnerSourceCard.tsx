import { EmptyState, InfoCard } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';
import { isInnerSourceProject } from '@internal/plugin-innersource-common';
import { useProjectSelector } from '../../hooks/useProjectSelector';

const CARD_TITLE = 'InnerSource';

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
      <EmptyState
        missing="data"
        title="Not collected yet"
        description="This InnerSource project has not been measured yet. Its score appears after the next refresh."
      />
    </InfoCard>
  );
}
