import { Link } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type {
  ResultHighlight,
  SearchDocument,
} from '@backstage/plugin-search-common';
import { HighlightedSearchResultText } from '@backstage/plugin-search-react';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import ListItemIcon from '@material-ui/core/ListItemIcon';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import type {
  InnerSourceProjectDocument,
  InnerSourceTaskDocument,
} from '@innersource-for-backstage/plugin-innersource-common';
import type { ReactNode } from 'react';

/** @public */
export interface InnerSourceSearchResultListItemProps {
  result?: SearchDocument;
  highlight?: ResultHighlight;
  rank?: number;
  icon?: ReactNode | ((result: SearchDocument) => ReactNode);
  lineClamp?: number;
}

function Highlighted(props: {
  field: 'title' | 'text';
  value: string;
  highlight?: ResultHighlight;
}) {
  const { highlight } = props;
  const text = highlight?.fields[props.field];
  return text && highlight ? (
    <HighlightedSearchResultText
      text={text}
      preTag={highlight.preTag}
      postTag={highlight.postTag}
    />
  ) : (
    <>{props.value}</>
  );
}

function ResultLayout(
  props: InnerSourceSearchResultListItemProps & {
    result: SearchDocument;
    external?: boolean;
    children: ReactNode;
  },
) {
  const { result, icon } = props;
  return (
    <Box display="flex" data-testid="innersource-search-result">
      {icon && (
        <ListItemIcon>
          {typeof icon === 'function' ? icon(result) : icon}
        </ListItemIcon>
      )}
      <Box flexWrap="wrap" width="100%">
        <ListItemText
          primaryTypographyProps={{ variant: 'h6' }}
          primary={
            <Link
              noTrack
              to={result.location}
              {...(props.external
                ? { target: '_blank', rel: 'noopener noreferrer' }
                : {})}
            >
              <Highlighted
                field="title"
                value={result.title}
                highlight={props.highlight}
              />
            </Link>
          }
          secondary={
            <Typography
              component="span"
              color="textSecondary"
              variant="body2"
              style={{
                display: '-webkit-box',
                WebkitBoxOrient: 'vertical',
                WebkitLineClamp: props.lineClamp ?? 3,
                overflow: 'hidden',
              }}
            >
              <Highlighted
                field="text"
                value={result.text}
                highlight={props.highlight}
              />
            </Typography>
          }
        />
        <Box
          display="flex"
          flexWrap="wrap"
          alignItems="center"
          style={{ gap: 4 }}
          mb={1}
        >
          {props.children}
        </Box>
      </Box>
    </Box>
  );
}

/**
 * A help-wanted task in Backstage search: the issue, its labels and its project.
 *
 * @public
 */
export function InnerSourceTaskSearchResultListItem(
  props: InnerSourceSearchResultListItemProps,
) {
  const result = props.result as InnerSourceTaskDocument | undefined;
  if (!result) return null;
  return (
    <ResultLayout {...props} result={result} external>
      <Chip size="small" label="Help wanted" color="primary" />
      {result.goodFirst && (
        <Chip size="small" variant="outlined" label="good first issue" />
      )}
      {result.labels
        ?.filter(label => label !== 'good first issue')
        .map(label => (
          <Chip key={label} size="small" variant="outlined" label={label} />
        ))}
      {result.entityRef && (
        <Typography variant="body2" component="span">
          in{' '}
          <EntityRefLink
            entityRef={result.entityRef}
            title={result.projectTitle}
          />
        </Typography>
      )}
      {result.tier && <Chip size="small" label={`Tier: ${result.tier}`} />}
    </ResultLayout>
  );
}

/**
 * An InnerSource project in Backstage search: its tier, skills and asks.
 *
 * @public
 */
export function InnerSourceProjectSearchResultListItem(
  props: InnerSourceSearchResultListItemProps,
) {
  const result = props.result as InnerSourceProjectDocument | undefined;
  if (!result) return null;
  return (
    <ResultLayout {...props} result={result}>
      <Chip size="small" label="InnerSource project" color="primary" />
      {result.tier && (
        <Chip
          size="small"
          label={`Tier: ${result.tier}${
            typeof result.score === 'number' ? ` (${result.score})` : ''
          }`}
        />
      )}
      {result.contributions?.length > 0 && (
        <Chip size="small" variant="outlined" label="asks for help" />
      )}
      {result.skills?.map(skill => (
        <Chip key={skill} size="small" variant="outlined" label={skill} />
      ))}
    </ResultLayout>
  );
}
