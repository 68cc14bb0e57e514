import { createHash } from 'node:crypto';
import type { FakeAnswer, FakeGitlab, FakeProject } from './FakeGitlab';

/** A stable weak `ETag` for a body, as Rails' Rack::ETag sends one. */
function etagOf(body: unknown): string {
  return `W/"${createHash('md5').update(JSON.stringify(body)).digest('hex')}"`;
}

const notFound = (what = 'Project'): FakeAnswer => ({
  status: 404,
  body: { message: `404 ${what} Not Found` },
});

/** GitLab's offset pagination: `X-Page`, `X-Next-Page`, `X-Total`…, and a `Link` header. */
function paginate<T>(items: T[], url: URL): FakeAnswer {
  const perPage = Math.min(Number(url.searchParams.get('per_page') ?? 20), 100);
  const pageNumber = Math.max(Number(url.searchParams.get('page') ?? 1), 1);
  const totalPages = Math.max(Math.ceil(items.length / perPage), 1);
  const body = items.slice((pageNumber - 1) * perPage, pageNumber * perPage);
  const link = (page: number) => {
    const target = new URL(url);
    target.searchParams.set('page', String(page));
    return target.toString();
  };
  const links = [
    ...(pageNumber < totalPages
      ? [`<${link(pageNumber + 1)}>; rel="next"`]
      : []),
    `<${link(1)}>; rel="first"`,
    `<${link(totalPages)}>; rel="last"`,
  ];
  return {
    status: 200,
    headers: {
      'x-page': String(pageNumber),
      'x-per-page': String(perPage),
      'x-total': String(items.length),
      'x-total-pages': String(totalPages),
      'x-next-page': pageNumber < totalPages ? String(pageNumber + 1) : '',
      'x-prev-page': pageNumber > 1 ? String(pageNumber - 1) : '',
      link: links.join(', '),
      etag: etagOf(body),
    },
    body,
  };
}

function commitJson(webUrl: string, c: FakeProject['commits'][number]) {
  return {
    id: c.id,
    short_id: c.id.slice(0, 8),
    created_at: c.committedDate,
    parent_ids: c.merge ? ['p1', 'p2'] : ['p1'],
    title: `Change ${c.id.slice(0, 8)}`,
    message: `Change ${c.id.slice(0, 8)}`,
    author_name: c.authorName,
    author_email: c.authorEmail,
    authored_date: c.committedDate,
    committer_name: c.authorName,
    committer_email: c.authorEmail,
    committed_date: c.committedDate,
    web_url: `${webUrl}/-/commit/${c.id}`,
  };
}

function userJson(username: string) {
  return { id: username.length, username, name: username, state: 'active' };
}

/**
 * REST v4 answers in the shapes of GitLab's documentation (projects,
 * repository commits and tree and files, merge requests and their notes,
 * issues): the commits the provider reads, and what a naive collector reads.
 */
export function fakeRest(fake: FakeGitlab, url: URL, path: string): FakeAnswer {
  const parts = path.split('/').filter(Boolean);
  if (parts[0] !== 'projects' || !parts[1]) return notFound('Endpoint');
  const project = fake.find(parts[1]);
  if (!project) return notFound();
  const rest = parts.slice(2);
  const since =
    url.searchParams.get('since') ?? url.searchParams.get('created_after');

  if (rest.length === 0)
    return {
      status: 200,
      body: {
        id: project.id,
        path_with_namespace: project.fullPath,
        description: project.description,
        visibility: project.visibility,
        web_url: fake.webUrl(project),
        created_at: project.createdAt,
        last_activity_at: project.lastActivityAt,
        star_count: project.starCount,
        forks_count: project.forksCount,
        default_branch: project.defaultBranch,
        open_issues_count: project.issues.filter(i => i.state === 'opened')
          .length,
      },
    };
  if (rest[0] === 'languages')
    return {
      status: 200,
      body: Object.fromEntries(project.languages.map(l => [l.name, l.share])),
    };
  if (rest.join('/') === 'repository/commits') {
    if (!project.defaultBranch) return notFound('Tree');
    const commits = [...project.commits]
      .filter(c => !since || c.committedDate >= since)
      .sort((a, b) => b.committedDate.localeCompare(a.committedDate));
    return paginate(
      commits.map(c => commitJson(fake.webUrl(project), c)),
      url,
    );
  }
  if (rest.join('/') === 'repository/tree') {
    const folder = url.searchParams.get('path') ?? '';
    const prefix = folder ? `${folder}/` : '';
    const names = new Map<string, string>();
    for (const file of project.files) {
      if (!file.startsWith(prefix)) continue;
      const [name, ...deeper] = file.slice(prefix.length).split('/');
      names.set(name, deeper.length ? 'tree' : 'blob');
    }
    return paginate(
      [...names].map(([name, type]) => ({
        id: `${prefix}${name}`,
        name,
        type,
        path: `${prefix}${name}`,
        mode: '100644',
      })),
      url,
    );
  }
  if (rest[0] === 'repository' && rest[1] === 'files' && rest[3] === 'raw') {
    const file = decodeURIComponent(rest[2]);
    if (file === 'innersource.json' && project.innersourceJson !== undefined)
      return { status: 200, body: project.innersourceJson };
    return notFound('File');
  }
  if (rest[0] === 'merge_requests' && rest.length === 1) {
    const list = project.mergeRequests
      .filter(m => !since || m.createdAt >= since)
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
      .map(m => ({
        id: project.id * 10_000 + m.iid,
        iid: m.iid,
        project_id: project.id,
        title: m.title,
        state: m.state,
        created_at: m.createdAt,
        updated_at: m.updatedAt,
        merged_at: m.mergedAt ?? null,
        closed_at: m.closedAt ?? null,
        author: userJson(m.author.username),
      }));
    return paginate(list, url);
  }
  if (rest[0] === 'merge_requests' && rest[2] === 'notes') {
    const mr = project.mergeRequests.find(m => String(m.iid) === rest[1]);
    if (!mr) return notFound('Merge Request');
    return paginate(
      mr.notes.map((n, i) => ({
        id: i,
        body: n.system ? 'added 1 commit' : 'Looks good',
        author: { ...userJson(n.author.username), bot: !!n.author.bot },
        created_at: n.createdAt,
        system: !!n.system,
        noteable_type: 'MergeRequest',
      })),
      url,
    );
  }
  if (rest[0] === 'issues' && rest.length === 1) {
    // GitLab's `labels` parameter means all of the labels.
    const labels = (url.searchParams.get('labels') ?? '')
      .split(',')
      .filter(Boolean)
      .map(l => l.toLowerCase());
    const state = url.searchParams.get('state');
    const list = project.issues
      .filter(
        i =>
          (!state || state === 'all' || i.state === state) &&
          (!since || i.createdAt >= since) &&
          labels.every(l => i.labels.some(x => x.toLowerCase() === l)),
      )
      .map(i => ({
        id: project.id * 10_000 + i.iid,
        iid: i.iid,
        title: i.title,
        state: i.state,
        labels: i.labels,
        created_at: i.createdAt,
        updated_at: i.updatedAt,
        user_notes_count: i.userNotesCount,
        web_url: `${fake.webUrl(project)}/-/issues/${i.iid}`,
      }));
    return paginate(list, url);
  }
  return notFound('Endpoint');
}
