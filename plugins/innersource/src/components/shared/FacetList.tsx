import Box from '@material-ui/core/Box';
import Checkbox from '@material-ui/core/Checkbox';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Typography from '@material-ui/core/Typography';
import type { FacetCount } from '@innersource-for-backstage/plugin-innersource-common';

/**
 * One facet's values as checkboxes with their counts; a selected value the
 * counts no longer hold stays, at 0. With `atLeast`, the counts are lower
 * bounds (counted over part of the matches) and read "12+".
 */
export function FacetList(props: {
  title: string;
  counts: FacetCount[];
  selected: string[];
  onToggle(value: string): void;
  atLeast?: boolean;
}) {
  const values = [
    ...props.counts,
    ...props.selected
      .filter(s => !props.counts.some(c => c.value === s))
      .map(value => ({ value, count: 0 })),
  ];
  if (values.length === 0) return null;
  return (
    <Box mb={2} component="fieldset" border={0} p={0} m={0}>
      <Typography variant="subtitle2" component="legend">
        {props.title}
      </Typography>
      {values.map(({ value, count }) => (
        <FormControlLabel
          key={value}
          style={{ display: 'flex' }}
          control={
            <Checkbox
              size="small"
              checked={props.selected.includes(value)}
              onChange={() => props.onToggle(value)}
            />
          }
          label={
            <Typography variant="body2">
              {value.replace(/^group:default\//, '')} ({count}
              {props.atLeast && count > 0 ? '+' : ''})
            </Typography>
          }
        />
      ))}
    </Box>
  );
}
