import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  BADGE_KINDS,
  ProjectBadges,
} from '@innersource-for-backstage/plugin-innersource-common';
import { innersourceApiRef } from '../../api/InnerSourceApi';
import { mockInnerSourceApi } from '../../testing/fixtures';
import { BadgesDialog } from './BadgesDialog';

const BASE = 'https://backstage.acme.example/api/innersource';
const REF = 'component:default/portal';

function badges(
  token: string | undefined,
  overrides: Partial<ProjectBadges> = {},
): ProjectBadges {
  return {
    entityRef: REF,
    badges: BADGE_KINDS.map(kind => ({
      kind,
      description: kind === 'score' ? 'InnerSource score' : `The ${kind}`,
      url: `${BASE}/badges/default/component/portal/${kind}.svg`,
      ...(token ? { publicUrl: `${BASE}/badges/t/${token}/${kind}.svg` } : {}),
    })),
    link: 'https://github.com/acme/portal/contribute',
    public: token ? { allowed: true, by: 'annotation' } : { allowed: false },
    canRotate: true,
    ...overrides,
  };
}

function render(api: Parameters<typeof mockInnerSourceApi>[0]) {
  return renderInTestApp(
    <BadgesDialog entityRef={REF} open onClose={() => {}} />,
    {
      apis: [
        [
          innersourceApiRef,
          mockInnerSourceApi({
            getBadgeSvg: async () =>
              '<svg xmlns="http://www.w3.org/2000/svg" width="90" height="20"/>',
            ...api,
          }),
        ],
      ],
    },
  );
}

const field = (format: string) =>
  screen.getByRole('textbox', {
    name: `${format} of the InnerSource score badge`,
  });

// Material UI dialogs render slowly on a loaded CI machine.
jest.setTimeout(30_000);

describe('BadgesDialog', () => {
  it('gives Markdown, HTML and URL snippets of the public badges, linked to the contribute page', async () => {
    await render({ getBadges: async () => badges('t'.repeat(43)) });
    const publicUrl = `${BASE}/badges/t/${'t'.repeat(43)}/score.svg`;
    await waitFor(() =>
      expect(field('Markdown')).toHaveValue(
        `[![InnerSource score](${publicUrl})](https://github.com/acme/portal/contribute)`,
      ),
    );
    expect(screen.getByTestId('badges-public-note')).toHaveTextContent(
      'innersource/badges: public',
    );
    expect(
      await screen.findByRole('img', { name: 'InnerSource score' }),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('tab', { name: 'HTML' }));
    expect(field('HTML')).toHaveValue(
      `<a href="https://github.com/acme/portal/contribute"><img src="${publicUrl}" alt="InnerSource score"></a>`,
    );
    await userEvent.click(screen.getByRole('tab', { name: 'URL' }));
    expect(field('URL')).toHaveValue(publicUrl);
  });

  it('rotates the public URLs for those allowed, and shows the new ones', async () => {
    const rotateBadgeToken = jest.fn(async () => badges('n'.repeat(43)));
    await render({
      getBadges: async () => badges('o'.repeat(43)),
      rotateBadgeToken,
    });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Rotate public URLs' }),
    );
    await userEvent.click(screen.getByRole('tab', { name: 'URL' }));
    await waitFor(() =>
      expect(field('URL')).toHaveValue(
        `${BASE}/badges/t/${'n'.repeat(43)}/score.svg`,
      ),
    );
    expect(rotateBadgeToken).toHaveBeenCalledWith(REF);
  });

  it('explains how to allow public badges, and offers no rotation, when they are private', async () => {
    await render({ getBadges: async () => badges(undefined) });
    expect(await screen.findByTestId('badges-private-note')).toHaveTextContent(
      'annotate the entity with innersource/badges: public',
    );
    await userEvent.click(screen.getByRole('tab', { name: 'URL' }));
    expect(field('URL')).toHaveValue(
      `${BASE}/badges/default/component/portal/score.svg`,
    );
    expect(
      screen.queryByRole('button', { name: 'Rotate public URLs' }),
    ).not.toBeInTheDocument();
  });

  it('leaves out a link that is no web URL', async () => {
    await render({
      // eslint-disable-next-line no-script-url
      getBadges: async () => badges(undefined, { link: 'javascript:alert(1)' }),
    });
    await waitFor(() =>
      expect(field('Markdown')).toHaveValue(
        `![InnerSource score](${BASE}/badges/default/component/portal/score.svg)`,
      ),
    );
  });

  it('shows an error the backend gave', async () => {
    await render({
      getBadges: async () => {
        throw new Error('No entity component:default/portal that you may read');
      },
    });
    expect(
      await screen.findByText(
        'No entity component:default/portal that you may read',
      ),
    ).toBeInTheDocument();
  });
});
