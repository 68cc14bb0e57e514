import { parse, validate } from 'graphql';
import { http, HttpResponse } from 'msw';
import type { SetupServer } from 'msw/node';
import { githubSchema } from '@innersource-for-backstage/plugin-innersource-backend-module-github/testUtils';

/** A request the fake answered, in the order it came. */
export interface RecordedCall {
  method: string;
  path: string;
  body: any;
  authorization: string | null;
}

/**
 * One repository on github.com as GitHub's GraphQL and REST APIs show it:
 * which paths and labels exist, the default branch's head; every request is
 * recorded, and GraphQL documents are checked against GitHub's schema.
 */
export class FakeGithubRepository {
  readonly calls: RecordedCall[] = [];
  paths = new Set<string>();
  labels = new Set<string>();
  branches = new Set<string>(['main']);
  refusal?: { status: number; message: string };
  visibility = 'INTERNAL';

  constructor(readonly owner: string, readonly name: string) {}

  get writes(): RecordedCall[] {
    return this.calls.filter(c => c.path !== '/graphql');
  }

  handlers() {
    const repoPath = `https://api.github.com/repos/${this.owner}/${this.name}`;
    const record = async (request: Request) => {
      const call: RecordedCall = {
        method: request.method,
        path: new URL(request.url).pathname,
        body: await request.json(),
        authorization: request.headers.get('authorization'),
      };
      this.calls.push(call);
      return call;
    };
    const refused = () =>
      this.refusal
        ? HttpResponse.json(
            { message: this.refusal.message },
            { status: this.refusal.status },
          )
        : undefined;
    return [
      http.post('https://api.github.com/graphql', async ({ request }) => {
        const { body } = await record(request);
        const refusal = refused();
        if (refusal) return refusal;
        const errors = validate(githubSchema(), parse(body.query));
        if (errors.length > 0) {
          return HttpResponse.json({
            errors: errors.map(e => ({ message: e.message })),
          });
        }
        const vars = body.variables as Record<string, string>;
        if (vars.owner !== this.owner || vars.name !== this.name) {
          return HttpResponse.json({
            data: { repository: null },
            errors: [
              {
                type: 'NOT_FOUND',
                message: `Could not resolve to a Repository with the name '${vars.owner}/${vars.name}'.`,
              },
            ],
          });
        }
        const repository: Record<string, unknown> = {
          url: `https://github.com/${this.owner}/${this.name}`,
          visibility: this.visibility,
          defaultBranchRef: {
            name: 'main',
            target: { oid: 'c0ffee0', tree: { oid: 'tree000' } },
          },
          branch: this.branches.has(vars.branch.replace('refs/heads/', ''))
            ? { id: 'REF_1' }
            : null,
        };
        for (const [key, value] of Object.entries(vars)) {
          if (/^p\d+$/.test(key)) {
            repository[key] = this.paths.has(value.replace(/^HEAD:/, ''))
              ? { id: `OBJ_${key}` }
              : null;
          }
          if (/^l\d+$/.test(key)) {
            const found = [...this.labels].find(
              l => l.toLowerCase() === value.toLowerCase(),
            );
            repository[key] = found ? { name: found } : null;
          }
        }
        return HttpResponse.json({ data: { repository } });
      }),
      http.post(`${repoPath}/labels`, async ({ request }) => {
        const { body } = await record(request);
        if (this.labels.has(body.name)) {
          return HttpResponse.json(
            {
              message: 'Validation Failed',
              errors: [
                { resource: 'Label', code: 'already_exists', field: 'name' },
              ],
            },
            { status: 422 },
          );
        }
        this.labels.add(body.name);
        return HttpResponse.json(
          { id: 1, name: body.name, color: body.color },
          { status: 201 },
        );
      }),
      http.post(`${repoPath}/git/trees`, async ({ request }) => {
        await record(request);
        return (
          refused() ??
          HttpResponse.json({ sha: 'tree111', tree: [] }, { status: 201 })
        );
      }),
      http.post(`${repoPath}/git/commits`, async ({ request }) => {
        await record(request);
        return HttpResponse.json({ sha: 'c0ffee1' }, { status: 201 });
      }),
      http.post(`${repoPath}/git/refs`, async ({ request }) => {
        const { body } = await record(request);
        this.branches.add(String(body.ref).replace('refs/heads/', ''));
        return HttpResponse.json(
          { ref: body.ref, object: { sha: body.sha } },
          { status: 201 },
        );
      }),
      http.post(`${repoPath}/pulls`, async ({ request }) => {
        await record(request);
        return HttpResponse.json(
          {
            number: 42,
            html_url: `https://github.com/${this.owner}/${this.name}/pull/42`,
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
