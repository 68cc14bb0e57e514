import { InfoCard, Progress, WarningPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Accordion from '@material-ui/core/Accordion';
import AccordionDetails from '@material-ui/core/AccordionDetails';
import AccordionSummary from '@material-ui/core/AccordionSummary';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import useAsync from 'react-use/esm/useAsync';
import { innersourceApiRef } from '../../api/InnerSourceApi';
import { ScoreHistogram } from './ScoreHistogram';
import { describeFilter, ScoringModelView } from './ScoringModelView';
import { ScoringPreviewPanel } from './ScoringPreviewPanel';

/**
 * The Scoring tab of the InnerSource page: the model in force, today's
 * scores against its tiers, and a preview of a candidate change.
 */
export function ScoringPage() {
  const api = useApi(innersourceApiRef);
  const {
    value: scoring,
    loading,
    error,
  } = useAsync(() => api.getScoring(), [api]);

  if (loading) return <Progress />;
  if (error || !scoring) {
    return (
      <>
        <WarningPanel
          defaultExpanded
          severity="error"
          title="Could not load the scoring model"
          message={error?.message}
        />
      </>
    );
  }
  const scored = scoring.histogram.reduce((sum, n) => sum + n, 0);
  return (
    <>
      <Grid container spacing={3}>
        <Grid item xs={12} lg={5}>
          <InfoCard title="Today's scores">
            {scored === 0 ? (
              <Typography variant="body2">
                No project has been scored yet; the histogram fills in after the
                first refresh.
              </Typography>
            ) : (
              <ScoreHistogram
                label="Today's scores"
                counts={scoring.histogram}
                tiers={scoring.default.tiers}
                testId="scoring-histogram"
              />
            )}
            <Typography variant="caption" color="textSecondary">
              {scored} projects you may read, by the tiers of the default model
              {scoring.profiles.length > 0 &&
                '; projects a profile scores are placed by their own tiers'}
              .
            </Typography>
          </InfoCard>
        </Grid>
        <Grid item xs={12} lg={7}>
          <InfoCard title="The scoring model in force">
            <Typography variant="body2" paragraph>
              A project's score is the weighted mean of its dimensions, each
              0–100; a dimension with no data passes its weight on to the
              others. Its tier is the first whose minimum the score reaches.
            </Typography>
            <ScoringModelView model={scoring.default} name="default" />
            {scoring.profiles.length > 0 && (
              <Box mt={3}>
                <Typography variant="subtitle1" gutterBottom>
                  Profiles: the first whose filter matches scores an entity; the
                  innersource/scoring-profile annotation picks one by name.
                </Typography>
                {scoring.profiles.map(profile => (
                  <Accordion key={profile.name}>
                    <AccordionSummary expandIcon={<ExpandMoreIcon />}>
                      <Typography>
                        Profile “{profile.name}”: entities where{' '}
                        {describeFilter(profile.filter)}
                      </Typography>
                    </AccordionSummary>
                    <AccordionDetails>
                      <ScoringModelView
                        model={profile.model}
                        name={profile.name}
                      />
                    </AccordionDetails>
                  </Accordion>
                ))}
              </Box>
            )}
          </InfoCard>
        </Grid>
        <Grid item xs={12}>
          <InfoCard title="Preview a change">
            <ScoringPreviewPanel
              activeBlock={scoring.block}
              activeTiers={scoring.default.tiers}
            />
          </InfoCard>
        </Grid>
      </Grid>
    </>
  );
}
