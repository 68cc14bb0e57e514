import { renderInTestApp } from '@backstage/frontend-test-utils';
import type { NotificationSettings } from '@innersource-for-backstage/plugin-innersource-common';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { innersourceApiRef } from '../../api/InnerSourceApi';
import { mockInnerSourceApi } from '../../testing/fixtures';
import { DigestSetting } from './DigestSetting';

const NAME = 'Daily digest of new tasks for me';

async function render(
  stored: NotificationSettings,
  save?: (settings: { digest: boolean }) => Promise<NotificationSettings>,
) {
  const setNotificationSettings = jest.fn(
    save ?? (async ({ digest }) => ({ ...stored, digest })),
  );
  await renderInTestApp(<DigestSetting />, {
    apis: [
      [
        innersourceApiRef,
        mockInnerSourceApi({
          getNotificationSettings: async () => stored,
          setNotificationSettings,
        }),
      ],
    ],
  });
  return setNotificationSettings;
}

describe('DigestSetting', () => {
  it("shows the user's stored choice and saves a change to the backend", async () => {
    const save = await render({ digest: false, digestAvailable: true });
    const toggle = await screen.findByRole('checkbox', { name: NAME });
    await waitFor(() => expect(toggle).toBeEnabled());
    expect(toggle).not.toBeChecked();

    await userEvent.click(toggle);
    expect(save).toHaveBeenCalledWith({ digest: true });
    await waitFor(() => expect(toggle).toBeChecked());

    await userEvent.click(toggle);
    expect(save).toHaveBeenLastCalledWith({ digest: false });
    await waitFor(() => expect(toggle).not.toBeChecked());
  });

  it('shows a user who asked for the digest that it is on', async () => {
    await render({ digest: true, digestAvailable: true });
    const toggle = await screen.findByRole('checkbox', { name: NAME });
    await waitFor(() => expect(toggle).toBeChecked());
  });

  it('says when a choice could not be saved, and keeps the stored one', async () => {
    await render({ digest: false, digestAvailable: true }, async () => {
      throw new Error('503');
    });
    const toggle = await screen.findByRole('checkbox', { name: NAME });
    await waitFor(() => expect(toggle).toBeEnabled());
    await userEvent.click(toggle);
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Your choice could not be saved; try again.',
    );
    expect(toggle).not.toBeChecked();
  });

  it('offers no digest where the portal sends none', async () => {
    await render({ digest: false, digestAvailable: false });
    await waitFor(() =>
      expect(
        screen.queryByRole('checkbox', { name: NAME }),
      ).not.toBeInTheDocument(),
    );
  });
});
