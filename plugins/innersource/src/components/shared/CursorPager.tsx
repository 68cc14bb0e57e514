import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';

type Cursor = string | undefined;

/**
 * Previous and Next for lists paged by an opaque cursor. The caller keeps the
 * cursors of the pages before this one (`previous`), since the API only
 * gives the next.
 */
export function CursorPager(props: {
  cursor: Cursor;
  nextCursor: Cursor;
  previous: Cursor[];
  onChange(cursor: Cursor, previous: Cursor[]): void;
}) {
  const { cursor, nextCursor, previous, onChange } = props;
  return (
    <Box display="flex" justifyContent="flex-end" mt={1} style={{ gap: 8 }}>
      <Button
        disabled={!cursor}
        onClick={() =>
          onChange(previous[previous.length - 1], previous.slice(0, -1))
        }
      >
        Previous
      </Button>
      <Button
        disabled={!nextCursor}
        onClick={() => onChange(nextCursor, [...previous, cursor])}
      >
        Next
      </Button>
    </Box>
  );
}
