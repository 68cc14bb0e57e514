import type { Entity } from '@backstage/catalog-model';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import type { ProjectSummary } from '@innersource-for-backstage/plugin-innersource-common';
import { screen, waitFor } from '@testing-library/react';
import { templateRouteRef } from '../../routes';
import { collectedProject } from '../../testing/fixtures';
import { ReadinessPullRequestLink } from './ReadinessPullRequestLink';

// Rendering the test app is slow on a loaded machine.
jest.setTimeout(30_000);

function template(name: string, namespace = 'default'): Entity {
  return {
    apiVersion: 'scaffolder.backstage.io/v1beta3',
    kind: 'Template',
    metadata: { name, namespace },
    spec: { type: 'innersource', steps: [] },
  };
}

const allPassing: ProjectSummary = {
  ...collectedProject,
  readiness: collectedProject.readiness.map(c => ({ ...c, passed: true })),
};

async function render(
  project: ProjectSummary,
  options: {
    templates?: Entity[];
    config?: NonNullable<Parameters<typeof renderInTestApp>[1]>['config'];
  } = {},
) {
  const catalogApi = catalogApiMock({
    entities: options.templates ?? [template('innersource-readiness')],
  });
  const getEntityByRef = jest.spyOn(catalogApi, 'getEntityByRef');
  await renderInTestApp(<ReadinessPullRequestLink project={project} />, {
    mountedRoutes: {
      '/create/templates/:namespace/:templateName': templateRouteRef,
    },
    apis: [[catalogApiRef, catalogApi]],
    config: options.config,
  });
  return { getEntityByRef };
}

describe('ReadinessPullRequestLink', () => {
  it('links a project with a failing check to the template, the entity filled in', async () => {
    await render(collectedProject);
    const link = await screen.findByTestId(
      'readiness-pull-request-link',
      {},
      { timeout: 15_000 },
    );
    const url = new URL(link.getAttribute('href')!, 'http://localhost');
    expect(url.pathname).toBe(
      '/create/templates/default/innersource-readiness',
    );
    expect(JSON.parse(url.searchParams.get('formData')!)).toEqual({
      entityRef: 'component:default/portal',
    });
    expect(link).toHaveTextContent(
      'Propose the missing files in a pull request',
    );
  });

  it('shows nothing, and asks nothing, when every check passes', async () => {
    const { getEntityByRef } = await render(allPassing);
    // Without a failing check the catalog is not asked, so no link can follow.
    expect(screen.queryByTestId('readiness-pull-request-link')).toBeNull();
    expect(getEntityByRef).not.toHaveBeenCalled();
  });

  it('shows nothing when the template is not in the catalog', async () => {
    const { getEntityByRef } = await render(collectedProject, {
      templates: [],
    });
    await waitFor(
      async () => {
        expect(getEntityByRef).toHaveBeenCalled();
        await getEntityByRef.mock.results[0].value;
      },
      { timeout: 15_000 },
    );
    expect(screen.queryByTestId('readiness-pull-request-link')).toBeNull();
  });

  it('uses the template innersource.readinessTemplate names', async () => {
    const { getEntityByRef } = await render(collectedProject, {
      templates: [template('make-ready', 'platform')],
      config: {
        innersource: { readinessTemplate: 'template:platform/make-ready' },
      },
    });
    const link = await screen.findByTestId(
      'readiness-pull-request-link',
      {},
      { timeout: 15_000 },
    );
    expect(getEntityByRef).toHaveBeenCalledWith({
      kind: 'template',
      namespace: 'platform',
      name: 'make-ready',
    });
    expect(link.getAttribute('href')).toMatch(
      /^\/create\/templates\/platform\/make-ready\?formData=/,
    );
  });
});
