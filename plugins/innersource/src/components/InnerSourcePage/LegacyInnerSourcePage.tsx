import { Header, Page } from '@backstage/core-components';
import { InnerSourcePage } from './InnerSourcePage';

/** The page with the header that legacy apps do not add for a plugin. */
export function LegacyInnerSourcePage() {
  return (
    <Page themeId="tool">
      <Header
        title="InnerSource"
        subtitle="Projects that welcome contributions, and the work that wants help"
      />
      <InnerSourcePage />
    </Page>
  );
}
