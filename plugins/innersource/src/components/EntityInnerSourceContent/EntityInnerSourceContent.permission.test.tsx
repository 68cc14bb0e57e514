import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import {
  AuthorizeResult,
  EvaluatePermissionRequest,
} from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { screen } from '@testing-library/react';
import { innersourceApiRef } from '../../api/InnerSourceApi';
import { helpWantedRouteRef } from '../../routes';
import {
  catalogRoutes,
  collectedProject,
  contributors,
  mockInnerSourceApi,
  projectEntity,
} from '../../testing/fixtures';
import { EntityInnerSourceContent } from './EntityInnerSourceContent';

// the whole tab renders: more than Jest's 5 s on a loaded machine
jest.setTimeout(30_000);

// usePermission caches answers for the whole module, so the denied case runs
// in a file of its own rather than after tests where the same check passed.
describe('EntityInnerSourceContent for a reader who does not own the project', () => {
  it('offers no refresh, having asked the policy about this entity', async () => {
    const asked: EvaluatePermissionRequest[] = [];
    await renderInTestApp(
      <EntityProvider entity={projectEntity}>
        <EntityInnerSourceContent />
      </EntityProvider>,
      {
        mountedRoutes: {
          ...catalogRoutes,
          '/innersource/help-wanted': helpWantedRouteRef,
        },
        apis: [
          [
            innersourceApiRef,
            mockInnerSourceApi({
              getProject: async () => collectedProject,
              getContributors: async () => contributors,
            }),
          ],
          [
            permissionApiRef,
            mockApis.permission({
              authorize: request => {
                asked.push(request);
                return AuthorizeResult.DENY;
              },
            }),
          ],
        ],
      },
    );
    expect(
      await screen.findByText(collectedProject.tier!.name, { exact: false }),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Refresh now' }),
    ).not.toBeInTheDocument();
    expect(asked).toContainEqual({
      permission: expect.objectContaining({
        name: 'innersource.project.refresh',
      }),
      resourceRef: 'component:default/portal',
    });
  });
});
