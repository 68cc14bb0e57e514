import { FakeGithub } from './FakeGithub';
import { fakeRepository } from './fixtures';

// The shape of the readiness pull request action's one query
// (plugins/scaffolder-backend-module-innersource, readinessStateQuery):
// the browser suite's fake GitHub answers it for the example entities.
const READINESS_STATE = `query ReadinessState($owner: String!, $name: String!, $branch: String!, $p0: String!, $l0: String!) {
  repository(owner: $owner, name: $name) {
    url
    visibility
    defaultBranchRef { name target { oid ... on Commit { tree { oid } } } }
    branch: ref(qualifiedName: $branch) { id }
    p0: object(expression: $p0) { id }
    l0: label(name: $l0) { name }
  }
}`;

function fake() {
  const repository = fakeRepository('acme', 'widgets', new Date('2026-11-27'));
  return new FakeGithub().add({
    ...repository,
    files: repository.files.filter(f => f !== 'docs/CONTRIBUTING.md'),
    labels: ['needs triage'],
    branches: ['innersource-readiness-old'],
  });
}

function ask(variables: { branch?: string; p0?: string; l0?: string }) {
  return fake().graphql({
    query: READINESS_STATE,
    variables: {
      owner: 'acme',
      name: 'widgets',
      branch: 'refs/heads/innersource-readiness',
      p0: 'HEAD:README.md',
      l0: 'help wanted',
      ...variables,
    },
  }) as {
    data: { repository: Record<string, any> };
    errors?: unknown[];
  };
}

describe('FakeGithub, the readiness state query', () => {
  it('answers the repository, its default branch head and its tree', () => {
    const answer = ask({});
    expect(answer.errors).toBeUndefined();
    const { repository } = answer.data;
    expect(repository.url).toBe('https://github.com/acme/widgets');
    expect(repository.visibility).toBe('PUBLIC');
    expect(repository.defaultBranchRef.name).toBe('main');
    // the newest commit of the fixture (committed a day before `now`)
    expect(repository.defaultBranchRef.target.oid).toBe(
      'widgets-c0'.padEnd(40, '0'),
    );
    expect(repository.defaultBranchRef.target.tree.oid).toMatch(
      /^[0-9a-f]{40}$/,
    );
  });

  it.each([
    ['a file at the root', 'HEAD:README.md', true],
    ['a file in a folder', 'HEAD:.github/CODEOWNERS', true],
    ['a folder', 'HEAD:.github/ISSUE_TEMPLATE', true],
    ['a file the repository lacks', 'HEAD:CONTRIBUTING.md', false],
    ['a file removed from the fixture', 'HEAD:docs/CONTRIBUTING.md', false],
    ['a folder the repository lacks', 'HEAD:.gitlab', false],
  ])('finds %s: %s', (_, p0, present) => {
    const { repository } = ask({ p0 }).data;
    expect(repository.p0 !== null).toBe(present);
  });

  it.each([
    ["a label the repository's issues carry", 'help wanted', 'help wanted'],
    ['the same label in another case', 'Help Wanted', 'help wanted'],
    ['a label without issues', 'needs triage', 'needs triage'],
    ['a label the repository lacks', 'contributions welcome', null],
  ])('finds %s: %s', (_, l0, name) => {
    const { repository } = ask({ l0 }).data;
    expect(repository.l0?.name ?? null).toBe(name);
  });

  it.each([
    ['the default branch', 'refs/heads/main', true],
    ['another existing branch', 'refs/heads/innersource-readiness-old', true],
    ['a branch that does not exist', 'refs/heads/innersource-readiness', false],
  ])('finds %s: %s', (_, branch, exists) => {
    const { repository } = ask({ branch }).data;
    expect(repository.branch !== null).toBe(exists);
  });

  it('refuses a query GitHub would reject', () => {
    const answer = fake().graphql({
      query:
        '{ repository(owner: "acme", name: "widgets") { label { name } } }',
    });
    expect(answer.errors?.[0].message).toMatch(/"name"/);
  });
});
