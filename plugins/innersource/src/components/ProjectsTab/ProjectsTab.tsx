import {
  EmptyState,
  Table,
  TableColumn,
  WarningPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  parseProjectListRequest,
  ProjectList,
  ProjectListItem,
  replaceProjectListRequest,
} from '@internal/plugin-innersource-common';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { innersourceApiRef } from '../../api/InnerSourceApi';
import { CursorPager } from '../shared/CursorPager';
import { RelativeTime } from '../shared/RelativeTime';
import { TierChip } from '../shared/TierChip';

const PAGE_SIZE = 20;

const columns: TableColumn<ProjectListItem>[] = [
  {
    title: 'Project',
    field: 'entityRef',
    render: p => <EntityRefLink entityRef={p.entityRef} title={p.title} />,
  },
  { title: 'Score', field: 'score', render: p => p.score ?? '–' },
  {
    title: 'Tier',
    field: 'tier.name',
    render: p => <TierChip tier={p.tier} />,
  },
  {
    title: 'Owner',
    field: 'owner',
    render: p => (p.owner ? <EntityRefLink entityRef={p.owner} /> : '–'),
  },
  {
    title: 'Refreshed',
    field: 'refreshedAt',
    render: p => <RelativeTime at={p.refreshedAt} />,
  },
];

/** The Projects tab of the InnerSource page: projects ranked by score, paged by cursor, the page in the URL. */
export function ProjectsTab() {
  const api = useApi(innersourceApiRef);
  const [searchParams, setSearchParams] = useSearchParams();
  const urlRequest = useMemo(
    () => parseProjectListRequest(searchParams, 'lenient'),
    [searchParams],
  );
  const cursor = urlRequest.cursor;
  const [page, setPage] = useState<{
    list?: ProjectList;
    error?: Error;
    loading: boolean;
  }>({ loading: true });
  const [previous, setPrevious] = useState<Array<string | undefined>>([]);

  const load = useCallback(async () => {
    setPage({ loading: true });
    try {
      setPage({
        loading: false,
        list: await api.listProjects({ limit: PAGE_SIZE, cursor }),
      });
    } catch (error) {
      setPage({ loading: false, error: error as Error });
    }
  }, [api, cursor]);

  useEffect(() => {
    load();
  }, [load]);

  const goTo = (next: string | undefined) =>
    setSearchParams(
      replaceProjectListRequest(searchParams, { ...urlRequest, cursor: next }),
    );

  if (page.error) {
    return (
      <>
        <WarningPanel
          defaultExpanded
          severity="error"
          title="Could not load the InnerSource projects"
          message={page.error.message}
        />
      </>
    );
  }
  if (!page.loading && page.list?.items.length === 0 && !cursor) {
    return (
      <>
        <EmptyState
          missing="data"
          title="No InnerSource projects measured yet"
          description='Tag catalog entities with innersource (or annotate them with innersource/enabled: "true") and they appear here once they have been collected.'
        />
      </>
    );
  }
  return (
    <>
      <Table<ProjectListItem>
        title="InnerSource projects, by score"
        isLoading={page.loading}
        columns={columns}
        data={page.list?.items ?? []}
        options={{ paging: false, search: false, padding: 'dense' }}
      />
      <CursorPager
        cursor={cursor}
        nextCursor={page.list?.nextCursor}
        previous={previous}
        onChange={(next, earlier) => {
          setPrevious(earlier);
          goTo(next);
        }}
      />
    </>
  );
}
