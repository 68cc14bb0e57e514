import { Progress, WarningPanel } from '@backstage/core-components';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import type { ProjectBadges } from '@innersource-for-backstage/plugin-innersource-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { useEffect, useState } from 'react';
import { innersourceApiRef } from '../../api/InnerSourceApi';
import { BadgeImage } from '../shared/BadgeImage';
import { externalUrl } from '../shared/externalUrl';
import { badgeSnippets, BadgeSnippets } from './snippets';

const FORMATS: Array<{ key: keyof BadgeSnippets; label: string }> = [
  { key: 'markdown', label: 'Markdown' },
  { key: 'html', label: 'HTML' },
  { key: 'url', label: 'URL' },
];

async function copyText(text: string) {
  await navigator.clipboard.writeText(text);
}

function PublicNote(props: {
  badges: ProjectBadges;
  rotating: boolean;
  onRotate(): void;
}) {
  const { badges } = props;
  if (!badges.public.allowed) {
    return (
      <Typography variant="body2" data-testid="badges-private-note">
        These badges need a Backstage sign-in, so the snippets work inside the
        portal only. To show them in a README outside Backstage, annotate the
        entity with <code>innersource/badges: public</code>, or ask the portal's
        admins to set <code>innersource.badges.public: true</code>.
      </Typography>
    );
  }
  const hasUrl = badges.badges.some(b => b.publicUrl);
  return (
    <Box display="flex" alignItems="center" style={{ gap: 16 }}>
      <Typography variant="body2" data-testid="badges-public-note">
        {hasUrl
          ? 'The snippets use public URLs: anyone who has them can see these badges, and nothing else about the project.'
          : 'Public URLs appear once the project has been collected.'}{' '}
        {badges.public.by === 'config'
          ? 'The portal makes every project’s badges public.'
          : 'The entity allows it with innersource/badges: public.'}
      </Typography>
      {badges.canRotate && hasUrl && (
        <Button
          variant="outlined"
          size="small"
          disabled={props.rotating}
          onClick={props.onRotate}
          style={{ flexShrink: 0 }}
        >
          Rotate public URLs
        </Button>
      )}
    </Box>
  );
}

/**
 * The project's badges with Markdown, HTML and URL snippets to copy: public
 * URLs where the project allows them, and a rotate button for those allowed
 * to refresh it.
 */
export function BadgesDialog(props: {
  entityRef: string;
  open: boolean;
  onClose(): void;
}) {
  const api = useApi(innersourceApiRef);
  const alertApi = useApi(alertApiRef);
  const { entityRef, open } = props;
  const [format, setFormat] = useState<keyof BadgeSnippets>('markdown');
  // which badge's snippet was copied last: its button says so
  const [copied, setCopied] = useState<string>();
  const [state, setState] = useState<{
    badges?: ProjectBadges;
    error?: Error;
    rotating?: boolean;
  }>({});

  useEffect(() => {
    if (!open) return undefined;
    let cancelled = false;
    setState({});
    api.getBadges(entityRef).then(
      badges => !cancelled && setState({ badges }),
      error => !cancelled && setState({ error }),
    );
    return () => {
      cancelled = true;
    };
  }, [api, entityRef, open]);

  const rotate = async () => {
    setState(s => ({ ...s, rotating: true }));
    try {
      const badges = await api.rotateBadgeToken(entityRef);
      setState({ badges });
      alertApi.post({
        message: 'New public badge URLs: the old ones no longer work.',
        severity: 'success',
        display: 'transient',
      });
    } catch (error) {
      setState(s => ({ ...s, rotating: false }));
      alertApi.post({ message: (error as Error).message, severity: 'error' });
    }
  };

  const { badges, error } = state;
  const link = externalUrl(badges?.link);
  return (
    <Dialog
      open={open}
      onClose={props.onClose}
      maxWidth="md"
      fullWidth
      aria-labelledby="innersource-badges-title"
    >
      <DialogTitle id="innersource-badges-title">
        InnerSource badges
      </DialogTitle>
      <DialogContent dividers>
        {error && (
          <WarningPanel
            severity="error"
            defaultExpanded
            title="Could not load the badges"
            message={error.message}
          />
        )}
        {!error && !badges && <Progress />}
        {badges && (
          <>
            <PublicNote
              badges={badges}
              rotating={Boolean(state.rotating)}
              onRotate={rotate}
            />
            <Tabs
              value={format}
              onChange={(_, value) => {
                setFormat(value);
                setCopied(undefined);
              }}
              aria-label="Snippet format"
              indicatorColor="primary"
            >
              {FORMATS.map(f => (
                <Tab key={f.key} value={f.key} label={f.label} />
              ))}
            </Tabs>
            {badges.badges.map(badge => {
              const snippet = badgeSnippets(
                badge.publicUrl ?? badge.url,
                badge.description,
                link,
              )[format];
              const label = FORMATS.find(f => f.key === format)!.label;
              return (
                <Box
                  key={badge.kind}
                  mt={2}
                  display="flex"
                  alignItems="center"
                  style={{ gap: 16 }}
                  data-testid={`badge-row-${badge.kind}`}
                >
                  <Box width={260} flexShrink={0}>
                    <BadgeImage
                      entityRef={entityRef}
                      badge={badge.kind}
                      alt={badge.description}
                    />
                  </Box>
                  <TextField
                    value={snippet}
                    variant="outlined"
                    size="small"
                    fullWidth
                    InputProps={{ readOnly: true }}
                    inputProps={{
                      'aria-label': `${label} of the ${badge.description} badge`,
                      style: { fontFamily: 'monospace', fontSize: 12 },
                    }}
                  />
                  <Button
                    size="small"
                    onClick={() =>
                      copyText(snippet).then(
                        () => setCopied(badge.kind),
                        e =>
                          alertApi.post({
                            message: `Could not copy: ${e.message}`,
                            severity: 'error',
                          }),
                      )
                    }
                    aria-label={`Copy the ${label} of the ${badge.description} badge`}
                  >
                    {copied === badge.kind ? 'Copied' : 'Copy'}
                  </Button>
                </Box>
              );
            })}
          </>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>Close</Button>
      </DialogActions>
    </Dialog>
  );
}
