import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { screen } from '@testing-library/react';
import {
  describeScoringModel,
  parseScoringConfig,
} from '@innersource-for-backstage/plugin-innersource-common';
import { innersourceApiRef } from '../../api/InnerSourceApi';
import { catalogRoutes, mockInnerSourceApi } from '../../testing/fixtures';
import { ScoringPage } from './ScoringPage';

// usePermission caches answers for the whole module, so the denied case runs
// in a file of its own rather than after tests where the same check passed.
describe('ScoringPage without the preview permission', () => {
  it('says plainly that previewing needs a permission the user lacks', async () => {
    const previewScoring = jest.fn();
    await renderInTestApp(<ScoringPage />, {
      mountedRoutes: catalogRoutes,
      apis: [
        [
          innersourceApiRef,
          mockInnerSourceApi({
            getScoring: async () => ({
              ...describeScoringModel(parseScoringConfig(undefined)),
              block: {},
              histogram: [0, 0, 0, 0, 1, 0, 0, 0, 0, 0],
              scope: 'projects-you-may-read',
            }),
            previewScoring,
          }),
        ],
        [
          permissionApiRef,
          mockApis.permission({ authorize: AuthorizeResult.DENY }),
        ],
      ],
    });
    expect(
      await screen.findByText('Info: You may not preview scoring changes'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/needs the innersource.scoring.preview permission/),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('textbox', { name: 'Candidate scoring block (YAML)' }),
    ).not.toBeInTheDocument();
    // the model itself stays readable
    expect(screen.getByTestId('scoring-histogram')).toBeInTheDocument();
    expect(previewScoring).not.toHaveBeenCalled();
  });
});
