import { Entity } from '@backstage/catalog-model';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { screen } from '@testing-library/react';
import { EntityInnerSourceCard } from './EntityInnerSourceCard';

function component(tags: string[], type = 'service'): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'payments', tags },
    spec: { type, owner: 'team-a', lifecycle: 'production' },
  };
}

describe('EntityInnerSourceCard', () => {
  it('tells the owner how to opt in when the entity is not an InnerSource project', async () => {
    await renderInTestApp(
      <EntityProvider entity={component(['java'])}>
        <EntityInnerSourceCard />
      </EntityProvider>,
    );
    expect(
      await screen.findByTestId('innersource-not-a-project'),
    ).toHaveTextContent('innersource/enabled: "true"');
  });

  it('shows an InnerSource project as not collected before its first refresh', async () => {
    await renderInTestApp(
      <EntityProvider entity={component(['innersource'])}>
        <EntityInnerSourceCard />
      </EntityProvider>,
    );
    expect(await screen.findByText('Not collected yet')).toBeInTheDocument();
  });

  it('follows the selector configured in app-config', async () => {
    await renderInTestApp(
      <EntityProvider entity={component([], 'library')}>
        <EntityInnerSourceCard />
      </EntityProvider>,
      { config: { innersource: { selector: { 'spec.type': 'library' } } } },
    );
    expect(await screen.findByText('Not collected yet')).toBeInTheDocument();
  });
});
