import { useApi } from '@backstage/core-plugin-api';
import type { NotificationSettings } from '@innersource-for-backstage/plugin-innersource-common';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Switch from '@material-ui/core/Switch';
import Typography from '@material-ui/core/Typography';
import { useEffect, useState } from 'react';
import { innersourceApiRef } from '../../api/InnerSourceApi';

const LABEL = 'Daily digest of new tasks for me';

/**
 * The user's choice of a digest, at most daily, of new help-wanted tasks
 * matching their skills, kept by the backend. Shown only when the portal
 * sends digests.
 */
export function DigestSetting() {
  const api = useApi(innersourceApiRef);
  const [settings, setSettings] = useState<NotificationSettings>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string>();

  useEffect(() => {
    let cancelled = false;
    api.getNotificationSettings().then(
      answer => !cancelled && setSettings(answer),
      () =>
        !cancelled && setError('Your notification settings could not be read.'),
    );
    return () => {
      cancelled = true;
    };
  }, [api]);

  const change = async (digest: boolean) => {
    setSaving(true);
    setError(undefined);
    try {
      setSettings(await api.setNotificationSettings({ digest }));
    } catch {
      setError('Your choice could not be saved; try again.');
    } finally {
      setSaving(false);
    }
  };

  if (settings && !settings.digestAvailable) return null;
  return (
    <>
      <FormControlLabel
        control={
          <Switch
            checked={Boolean(settings?.digest)}
            disabled={!settings || saving}
            onChange={(_, checked) => change(checked)}
          />
        }
        label={LABEL}
        title="A notification, at most once a day, when new help-wanted tasks match your skills"
      />
      {error && (
        <Typography variant="body2" color="error" role="alert">
          {error}
        </Typography>
      )}
    </>
  );
}
