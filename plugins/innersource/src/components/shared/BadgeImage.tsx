import { useApi } from '@backstage/core-plugin-api';
import type {
  BadgeKind,
  BadgeStyle,
} from '@innersource-for-backstage/plugin-innersource-common';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { innersourceApiRef } from '../../api/InnerSourceApi';

/**
 * A badge as the signed-in user may see it: fetched with their credentials
 * (an <img> could not send them) and shown as an image, where an SVG runs no
 * script.
 */
export function BadgeImage(props: {
  entityRef: string;
  badge: BadgeKind;
  alt: string;
  style?: BadgeStyle;
}) {
  const api = useApi(innersourceApiRef);
  const { entityRef, badge, style } = props;
  const { value, error } = useAsync(
    () => api.getBadgeSvg(entityRef, badge, style ? { style } : {}),
    [api, entityRef, badge, style],
  );
  if (error) {
    return (
      <Typography variant="caption" color="error">
        {props.alt}: badge unavailable
      </Typography>
    );
  }
  if (!value) return <span style={{ display: 'inline-block', height: 20 }} />;
  return (
    <img
      src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(value)}`}
      alt={props.alt}
      data-testid={`innersource-badge-${badge}`}
      style={{ height: 20, verticalAlign: 'middle' }}
    />
  );
}
