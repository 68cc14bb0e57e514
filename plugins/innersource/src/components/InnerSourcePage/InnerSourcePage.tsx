import { Content, EmptyState } from '@backstage/core-components';

/** The org-wide InnerSource page: the projects and the work that wants help. */
export function InnerSourcePage() {
  return (
    <Content>
      <EmptyState
        missing="data"
        title="No InnerSource projects measured yet"
        description='Tag catalog entities with innersource (or annotate them with innersource/enabled: "true") and they appear here once they have been collected.'
      />
    </Content>
  );
}
