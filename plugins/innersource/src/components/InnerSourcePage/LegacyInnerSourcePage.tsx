import { Header, Page, TabbedLayout } from '@backstage/core-components';
import { HelpWantedPage } from '../HelpWantedPage';
import { ProjectsTab } from '../ProjectsTab';
import { ScoringPage } from '../ScoringPage';

/**
 * The page with its header and tabs, which a legacy app does not add for a
 * plugin; the same tabs and paths as the sub-pages of the new frontend system.
 */
export function LegacyInnerSourcePage() {
  return (
    <Page themeId="tool">
      <Header
        title="InnerSource"
        subtitle="Projects that welcome contributions, and the work that wants help"
      />
      <TabbedLayout>
        <TabbedLayout.Route path="/projects" title="Projects">
          <ProjectsTab />
        </TabbedLayout.Route>
        <TabbedLayout.Route path="/help-wanted" title="Help wanted">
          <HelpWantedPage />
        </TabbedLayout.Route>
        <TabbedLayout.Route path="/scoring" title="Scoring">
          <ScoringPage />
        </TabbedLayout.Route>
      </TabbedLayout>
    </Page>
  );
}
