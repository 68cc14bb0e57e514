import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  describeScoringModel,
  parseScoringConfig,
  ActiveScoring,
  ScoringPreviewResponse,
} from '@innersource-for-backstage/plugin-innersource-common';
import { innersourceApiRef } from '../../api/InnerSourceApi';
import { catalogRoutes, mockInnerSourceApi } from '../../testing/fixtures';
import { ScoringPage } from './ScoringPage';

const activeBlock = {
  tiers: [
    { name: 'Thriving', min: 70, color: '#2e7d32' },
    { name: 'Growing', min: 40, color: '#f9a825' },
    { name: 'Emerging', min: 0, color: '#9e9e9e' },
  ],
  profiles: [{ name: 'libraries', filter: { 'spec.type': 'library' } }],
};

const activeScoring: ActiveScoring = {
  ...describeScoringModel(parseScoringConfig(activeBlock)),
  block: activeBlock,
  histogram: [1, 0, 2, 0, 3, 0, 0, 4, 0, 5],
  scope: 'projects-you-may-read',
};

const previewResponse: ScoringPreviewResponse = {
  projects: 15,
  tiers: [{ name: 'Everyone', min: 0, color: '#607d8b' }],
  before: [
    { tier: 'Thriving', count: 9 },
    { tier: 'Growing', count: 3 },
    { tier: 'Emerging', count: 3 },
  ],
  after: [{ tier: 'Everyone', count: 15 }],
  histogram: {
    before: [1, 0, 2, 0, 3, 0, 0, 4, 0, 5],
    after: [1, 0, 2, 0, 3, 0, 0, 4, 0, 5],
  },
  changes: [
    {
      entityRef: 'component:default/portal',
      before: { score: 82, tier: 'Thriving' },
      after: { score: 82, tier: 'Everyone', profile: 'default' },
      delta: 0,
    },
  ],
  changedProjects: 15,
  scope: 'projects-you-may-read',
  profileErrors: [],
};

async function render(
  overrides: Parameters<typeof mockInnerSourceApi>[0] = {},
  authorize:
    | AuthorizeResult.ALLOW
    | AuthorizeResult.DENY = AuthorizeResult.ALLOW,
) {
  const api = mockInnerSourceApi({
    getScoring: async () => activeScoring,
    previewScoring: jest.fn(async () => previewResponse),
    ...overrides,
  });
  await renderInTestApp(<ScoringPage />, {
    mountedRoutes: catalogRoutes,
    apis: [
      [innersourceApiRef, api],
      [permissionApiRef, mockApis.permission({ authorize })],
    ],
  });
  return api;
}

const editor = () =>
  screen.getByRole('textbox', { name: 'Candidate scoring block (YAML)' });

function typeCandidate(text: string) {
  fireEvent.change(editor(), { target: { value: text } });
}

describe('ScoringPage', () => {
  it("shows today's scores against the tier thresholds, and the model and its profiles in words", async () => {
    await render();
    const histogram = await screen.findByTestId('scoring-histogram');
    expect(
      within(histogram)
        .getAllByTestId('histogram-bucket')
        .map(b => Number(b.getAttribute('data-count'))),
    ).toEqual(activeScoring.histogram);
    // a line where Thriving and Growing start; Emerging starts at 0
    expect(
      within(histogram)
        .getAllByTestId('histogram-threshold')
        .map(t => t.textContent),
    ).toEqual(['Thriving ≥ 70', 'Growing ≥ 40']);
    expect(
      screen.getByText(
        /^15 projects you may read, by the tiers of the default model/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'Profile “libraries”: entities where spec.type is library',
      ),
    ).toBeInTheDocument();
    expect(
      within(screen.getByTestId('scoring-model-default')).getByRole('table', {
        name: 'Dimensions of the default model',
      }),
    ).toHaveTextContent(/Activity\s*3030%/);
    // README weighs 3 of the 13 points of the default checks
    expect(
      within(screen.getByTestId('scoring-model-default')).getByRole('table', {
        name: 'Readiness checks of the default model',
      }),
    ).toHaveTextContent(/README\s*323%/);
  });

  it('starts the editor from the active block and previews the edited candidate', async () => {
    const api = await render();
    await screen.findByTestId('scoring-histogram');
    expect((editor() as HTMLTextAreaElement).value).toContain(
      '- name: Thriving\n    min: 70',
    );

    typeCandidate('tiers:\n  - { name: Everyone, min: 0, color: "#607d8b" }\n');
    await userEvent.click(screen.getByRole('button', { name: 'Preview' }));

    expect(api.previewScoring).toHaveBeenCalledWith({
      tiers: [{ name: 'Everyone', min: 0, color: '#607d8b' }],
    });
    const result = await screen.findByTestId('preview-result');
    expect(result).toHaveTextContent(
      '15 projects you may read scored; 15 would change tier',
    );
    const after = within(screen.getByTestId('preview-after'))
      .getAllByTestId('tier-count')
      .map(c => [c.getAttribute('data-tier'), c.getAttribute('data-count')]);
    expect(after).toEqual([['Everyone', '15']]);
    // the candidate's single tier starts at 0: no threshold line to draw
    expect(
      within(screen.getByTestId('preview-histogram-after')).queryAllByTestId(
        'histogram-threshold',
      ),
    ).toEqual([]);
    expect(screen.getByRole('link', { name: 'portal' })).toBeInTheDocument();
  });

  it("draws the candidate's tiers as the preview answer gives them", async () => {
    await render({
      previewScoring: async () => ({
        ...previewResponse,
        tiers: [
          { name: 'Top', min: 50, color: '#123456' },
          { name: 'Rest', min: 0, color: '#654321' },
        ],
        after: [
          { tier: 'Top', count: 5 },
          { tier: 'Rest', count: 10 },
        ],
      }),
    });
    await screen.findByTestId('scoring-histogram');
    await userEvent.click(screen.getByRole('button', { name: 'Preview' }));
    const histogram = await screen.findByTestId('preview-histogram-after');
    expect(
      within(histogram)
        .getAllByTestId('histogram-threshold')
        .map(t => t.textContent),
    ).toEqual(['Top ≥ 50']);
    const swatches = within(screen.getByTestId('preview-after'))
      .getAllByTestId('tier-count')
      .map(c => (c.firstChild as HTMLElement).style.backgroundColor);
    expect(swatches).toEqual(['rgb(18, 52, 86)', 'rgb(101, 67, 33)']);
  });

  it('shows the message the backend gives for an invalid candidate', async () => {
    await render({
      previewScoring: async () => {
        throw new Error(
          'innersource.scoring.tiers[1].min must be below tiers[0].min',
        );
      },
    });
    await screen.findByTestId('scoring-histogram');
    await userEvent.click(screen.getByRole('button', { name: 'Preview' }));
    expect(
      await screen.findByText(
        'innersource.scoring.tiers[1].min must be below tiers[0].min',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByTestId('preview-result')).not.toBeInTheDocument();
  });

  it('explains YAML it cannot read without asking the backend', async () => {
    const api = await render();
    await screen.findByTestId('scoring-histogram');
    typeCandidate('tiers: [unclosed');
    await userEvent.click(screen.getByRole('button', { name: 'Preview' }));
    expect(
      await screen.findByText(/The candidate is not valid YAML/),
    ).toBeInTheDocument();
    expect(api.previewScoring).not.toHaveBeenCalled();
  });

  it('says when nothing has been scored yet', async () => {
    await render({
      getScoring: async () => ({
        ...activeScoring,
        histogram: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
        scope: 'projects-you-may-read',
      }),
    });
    expect(
      await screen.findByText(/No project has been scored yet/),
    ).toBeInTheDocument();
  });

  it('shows why the model could not be loaded', async () => {
    await render({
      getScoring: async () => {
        throw new Error('Service Unavailable');
      },
    });
    expect(
      await screen.findByText('Error: Could not load the scoring model'),
    ).toBeInTheDocument();
  });
});
