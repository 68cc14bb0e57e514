import { http, HttpResponse } from 'msw';
import type { SetupServer } from 'msw/node';
import type { RecordedCall } from './FakeGithubRepository';

/**
 * One project on a GitLab host as its REST API (v4) shows it: the files of
 * its default branch, its labels and branches, its visibility. Every request
 * is recorded, with its query; writes change the project as GitLab would.
 */
export class FakeGitlabProject {
  readonly calls: Array<RecordedCall & { query: Record<string, string> }> = [];
  /** Paths of files on the default branch, from the root. */
  files = new Set<string>();
  labels = new Set<string>();
  branches = new Set<string>(['main']);
  visibility = 'internal';
  refusal?: { status: number; message: string };
  private nextIid = 7;

  constructor(
    readonly path: string,
    readonly apiBaseUrl = 'https://gitlab.com/api/v4',
    readonly webBaseUrl = 'https://gitlab.com',
  ) {}

  get writes() {
    return this.calls.filter(c => c.method !== 'GET');
  }

  /** The entries of a folder of the default branch: files and sub-folders. */
  private entries(folder: string): string[] {
    const prefix = folder ? `${folder}/` : '';
    const names = new Set<string>();
    for (const file of this.files) {
      if (file.startsWith(prefix))
        names.add(file.slice(prefix.length).split('/')[0]);
    }
    return [...names];
  }

  handlers() {
    const project = `${this.apiBaseUrl}/projects/:id`;
    const record = async (request: Request) => {
      const url = new URL(request.url);
      const text = request.method === 'GET' ? '' : await request.text();
      const call = {
        method: request.method,
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        body: text ? JSON.parse(text) : undefined,
        authorization: request.headers.get('authorization'),
      };
      this.calls.push(call);
      return call;
    };
    /** A refusal, or a 404 for another project, as GitLab answers both. */
    const refused = (params: { id?: unknown }) => {
      if (this.refusal) {
        return HttpResponse.json(
          { message: this.refusal.message },
          { status: this.refusal.status },
        );
      }
      if (decodeURIComponent(String(params.id)) !== this.path) {
        return HttpResponse.json(
          { message: '404 Project Not Found' },
          { status: 404 },
        );
      }
      return undefined;
    };
    return [
      http.get(project, async ({ request, params }) => {
        await record(request);
        return (
          refused(params) ??
          HttpResponse.json({
            id: 1234,
            path_with_namespace: this.path,
            web_url: `${this.webBaseUrl}/${this.path}`,
            visibility: this.visibility,
            default_branch: 'main',
            empty_repo: false,
          })
        );
      }),
      http.get(`${project}/repository/tree`, async ({ request, params }) => {
        const { query } = await record(request);
        const refusal = refused(params);
        if (refusal) return refusal;
        if (query.ref !== 'main') {
          return HttpResponse.json(
            { message: '404 Tree Not Found' },
            { status: 404 },
          );
        }
        const folder = query.path ?? '';
        const names = this.entries(folder);
        if (folder && names.length === 0) {
          return HttpResponse.json(
            { message: '404 Tree Not Found' },
            { status: 404 },
          );
        }
        return HttpResponse.json(
          names.map(name => ({
            name,
            path: folder ? `${folder}/${name}` : name,
            type: this.files.has(folder ? `${folder}/${name}` : name)
              ? 'blob'
              : 'tree',
          })),
        );
      }),
      http.get(`${project}/labels`, async ({ request, params }) => {
        const { query } = await record(request);
        const search = (query.search ?? '').toLowerCase();
        return (
          refused(params) ??
          HttpResponse.json(
            [...this.labels]
              .filter(l => l.toLowerCase().includes(search))
              .map((name, id) => ({ id, name, color: '#008672' })),
          )
        );
      }),
      http.get(
        `${project}/repository/branches/:branch`,
        async ({ request, params }) => {
          await record(request);
          const refusal = refused(params);
          if (refusal) return refusal;
          const branch = decodeURIComponent(String(params.branch));
          return this.branches.has(branch)
            ? HttpResponse.json({ name: branch })
            : HttpResponse.json(
                { message: '404 Branch Not Found' },
                { status: 404 },
              );
        },
      ),
      http.post(`${project}/labels`, async ({ request, params }) => {
        const { body } = await record(request);
        const refusal = refused(params);
        if (refusal) return refusal;
        if (this.labels.has(body.name)) {
          return HttpResponse.json(
            { message: 'Label already exists' },
            { status: 409 },
          );
        }
        this.labels.add(body.name);
        return HttpResponse.json(
          { id: 99, name: body.name, color: body.color },
          { status: 201 },
        );
      }),
      http.post(
        `${project}/repository/commits`,
        async ({ request, params }) => {
          const { body } = await record(request);
          const refusal = refused(params);
          if (refusal) return refusal;
          if (this.branches.has(body.branch)) {
            return HttpResponse.json(
              { message: `A branch called '${body.branch}' already exists` },
              { status: 400 },
            );
          }
          this.branches.add(body.branch);
          return HttpResponse.json(
            {
              id: 'c0ffee1',
              web_url: `${this.webBaseUrl}/${this.path}/-/commit/c0ffee1`,
            },
            { status: 201 },
          );
        },
      ),
      http.post(`${project}/merge_requests`, async ({ request, params }) => {
        await record(request);
        const refusal = refused(params);
        if (refusal) return refusal;
        const iid = this.nextIid++;
        return HttpResponse.json(
          {
            id: 5000 + iid,
            iid,
            web_url: `${this.webBaseUrl}/${this.path}/-/merge_requests/${iid}`,
          },
          { status: 201 },
        );
      }),
    ];
  }

  use(server: SetupServer) {
    server.use(...this.handlers());
  }
}
