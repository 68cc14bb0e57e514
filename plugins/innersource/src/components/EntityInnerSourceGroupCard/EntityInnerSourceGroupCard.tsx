import { stringifyEntityRef } from '@backstage/catalog-model';
import { InfoCard, Progress, WarningPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import type {
  GroupSummary,
  TeamContributionFlow,
} from '@innersource-for-backstage/plugin-innersource-common';
import useAsync from 'react-use/esm/useAsync';
import { innersourceApiRef } from '../../api/InnerSourceApi';
import { TierChip } from '../shared/TierChip';

function Flows(props: {
  title: string;
  flows: TeamContributionFlow[];
  empty: string;
  counterpartLabel: string;
}) {
  return (
    <Box mt={2}>
      <Typography variant="subtitle2">{props.title}</Typography>
      {props.flows.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          {props.empty}
        </Typography>
      ) : (
        <List dense>
          {props.flows.map(flow => (
            <ListItem key={`${flow.projectRef}|${flow.counterpart}`}>
              <ListItemText
                primary={<EntityRefLink entityRef={flow.projectRef} />}
                secondary={
                  <>
                    {flow.contributions} contributions by {flow.contributors}{' '}
                    {flow.contributors === 1 ? 'person' : 'people'},{' '}
                    {props.counterpartLabel}{' '}
                    <EntityRefLink entityRef={flow.counterpart} />
                  </>
                }
              />
            </ListItem>
          ))}
        </List>
      )}
    </Box>
  );
}

export function GroupSummaryView(props: { summary: GroupSummary }) {
  const { projects, given, received } = props.summary;
  return (
    <Box data-testid="innersource-group-summary">
      <Typography variant="subtitle2">Projects ({projects.length})</Typography>
      {projects.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          This team owns no InnerSource projects yet.
        </Typography>
      ) : (
        <List dense>
          {projects.map(p => (
            <ListItem key={p.entityRef}>
              <ListItemText
                primary={
                  <EntityRefLink entityRef={p.entityRef} title={p.title} />
                }
              />
              <Box display="flex" alignItems="center" style={{ gap: 8 }}>
                <Typography variant="body2">{p.score ?? '–'}</Typography>
                <TierChip tier={p.tier} />
              </Box>
            </ListItem>
          ))}
        </List>
      )}
      <Flows
        title="Contributions received from other teams"
        flows={received}
        empty="No contributions from other teams yet."
        counterpartLabel="from"
      />
      <Flows
        title="Contributions given to other teams"
        flows={given}
        empty="This team has not contributed to other teams' projects yet."
        counterpartLabel="owned by"
      />
    </Box>
  );
}

/** On a Group's page: its InnerSource projects and the contributions across team lines. */
export function EntityInnerSourceGroupCard() {
  const { entity } = useEntity();
  const api = useApi(innersourceApiRef);
  const groupRef = stringifyEntityRef(entity);
  const { value, loading, error } = useAsync(
    () => api.getGroup(groupRef),
    [api, groupRef],
  );
  return (
    <InfoCard title="InnerSource">
      {loading && <Progress />}
      {error && (
        <WarningPanel
          defaultExpanded
          severity="error"
          title="Could not load the team's InnerSource summary"
          message={error.message}
        />
      )}
      {value && <GroupSummaryView summary={value} />}
    </InfoCard>
  );
}
