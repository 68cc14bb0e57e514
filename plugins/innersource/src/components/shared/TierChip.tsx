import Chip from '@material-ui/core/Chip';
import { readableTextColor } from './colors';

export function TierChip(props: {
  tier: { name: string; color: string } | null;
  size?: 'small' | 'medium';
}) {
  if (!props.tier)
    return (
      <Chip
        size={props.size ?? 'small'}
        label="Not scored"
        variant="outlined"
      />
    );
  return (
    <Chip
      size={props.size ?? 'small'}
      label={props.tier.name}
      data-testid="innersource-tier"
      style={{
        backgroundColor: props.tier.color,
        color: readableTextColor(props.tier.color),
      }}
    />
  );
}
