import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import type {
  EntitySelector,
  ScoringModelDescription,
} from '@innersource-for-backstage/plugin-innersource-common';
import { TierChip } from '../shared/TierChip';

const percent = (share: number) => `${Math.round(share * 100)}%`;

function describeFilter(filter: EntitySelector | null): string {
  if (!filter) return 'only entities annotated innersource/scoring-profile';
  return Object.entries(filter)
    .map(
      ([key, value]) =>
        `${key} is ${Array.isArray(value) ? value.join(' or ') : value}`,
    )
    .join(' and ');
}

/** One model in words and numbers: dimensions, readiness checks, tiers. */
export function ScoringModelView(props: {
  model: ScoringModelDescription;
  name: string;
}) {
  const { model, name } = props;
  return (
    <Box data-testid={`scoring-model-${name}`}>
      <Box display="flex" flexWrap="wrap" alignItems="center" mb={1}>
        <Typography variant="body2" component="span">
          Tiers:&nbsp;
        </Typography>
        {model.tiers.map(tier => (
          <Box key={tier.name} mr={1} display="inline-flex" alignItems="center">
            <TierChip tier={tier} />
            <Typography variant="caption" component="span">
              &nbsp;from {tier.min}
            </Typography>
          </Box>
        ))}
      </Box>
      <Table size="small" aria-label={`Dimensions of the ${name} model`}>
        <TableHead>
          <TableRow>
            <TableCell style={{ whiteSpace: 'nowrap' }}>Dimension</TableCell>
            <TableCell align="right" style={{ whiteSpace: 'nowrap' }}>
              Weight
            </TableCell>
            <TableCell align="right" style={{ whiteSpace: 'nowrap' }}>
              Share
            </TableCell>
            <TableCell>How it earns 0–100</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {model.dimensions.map(d => (
            <TableRow key={d.id}>
              <TableCell>{d.title}</TableCell>
              <TableCell align="right">{d.weight}</TableCell>
              <TableCell align="right">{percent(d.share)}</TableCell>
              <TableCell>{d.description}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Box mt={2}>
        <Table
          size="small"
          aria-label={`Readiness checks of the ${name} model`}
        >
          <TableHead>
            <TableRow>
              <TableCell>Readiness check</TableCell>
              <TableCell align="right" style={{ whiteSpace: 'nowrap' }}>
                Weight
              </TableCell>
              <TableCell align="right" style={{ whiteSpace: 'nowrap' }}>
                Share
              </TableCell>
              <TableCell>Advice to owners</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {model.readinessChecks.map(c => (
              <TableRow key={c.id}>
                <TableCell>
                  {c.title}
                  {c.minimum !== undefined && ` (at least ${c.minimum})`}
                </TableCell>
                <TableCell align="right">
                  {c.weight === 0 ? 'off' : c.weight}
                </TableCell>
                <TableCell align="right">{percent(c.share)}</TableCell>
                <TableCell>{c.advice}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Box>
    </Box>
  );
}

export { describeFilter };
