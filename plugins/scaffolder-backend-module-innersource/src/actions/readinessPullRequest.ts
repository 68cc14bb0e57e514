import type {
  AuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  CompoundEntityRef,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  InputError,
  NotAllowedError,
  NotFoundError,
  ResponseError,
} from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  INNERSOURCE_ANNOTATIONS,
  INNERSOURCE_PLUGIN_ID,
  InnerSourceApi,
  innersourceReadinessProposePermission,
  parseListAnnotation,
  ProjectSummary,
} from '@innersource-for-backstage/plugin-innersource-common';
import type { LabelSettings } from '@innersource-for-backstage/plugin-innersource-node';
import type { GithubReadinessRepository } from '../github/GithubReadinessRepository';
import type { GitlabReadinessRepository } from '../gitlab/GitlabReadinessRepository';
import type { ProjectDetails } from '../proposal/contents';
import {
  changeRequestName,
  ForgeCredentials,
  ReadinessForge,
} from '../proposal/forge';
import {
  capLabels,
  proposeReadinessChanges,
  ReadinessProposal,
  withoutLabelsAlone,
} from '../proposal/proposeReadinessChanges';
import {
  onDefaultBranch,
  ReadinessRepository,
  readinessRepositoryOf,
  registeredFromRepository,
} from './forges';
import { inlineMarkdown, singleLine } from '../proposal/text';

/** @public */
export const READINESS_PULL_REQUEST_ACTION_ID =
  'innersource:readiness:pull-request';
const DEFAULT_BRANCH = 'innersource-readiness';
/** Git branch names this action accepts: plain path segments, no `..`, no trailing `.lock`. */
const BRANCH_NAME = /^(?!.*\.\.)(?!.*\.lock$)[A-Za-z0-9][A-Za-z0-9._/-]{0,99}$/;

/** @public */
export interface ReadinessPullRequestOptions {
  catalog: CatalogService;
  auth: AuthService;
  /** Decides `innersource.readiness.propose` for the initiator, per entity, before any forge request. */
  permissions: Pick<PermissionsService, 'authorize'>;
  innersource: InnerSourceApi;
  github: Pick<GithubReadinessRepository, 'handles' | 'inspect' | 'publish'>;
  /** Merge requests on the hosts of `integrations.gitlab`; without it, entities on GitLab get an error. */
  gitlab?: Pick<GitlabReadinessRepository, 'baseUrlOf' | 'inspect' | 'publish'>;
  labels: LabelSettings;
}

/**
 * The repository a RepoUrlPicker named (`github.com?owner=acme&repo=web`,
 * `gitlab.acme.example?owner=group%2Fsub&repo=project`), as `host` and
 * `path`; undefined when it names none.
 */
function parsePickedRepository(
  repoUrl: string,
): { host: string; path: string } | undefined {
  try {
    const url = new URL(`https://${repoUrl}`);
    const owner = url.searchParams.get('owner');
    const repo = url.searchParams.get('repo');
    if (!owner || !repo || url.pathname !== '/') return undefined;
    return {
      host: url.hostname.toLocaleLowerCase('en-US'),
      path: `${owner}/${repo}`.toLocaleLowerCase('en-US'),
    };
  } catch {
    return undefined;
  }
}

/**
 * The user's own forge token, when the template passed one, checked against
 * the repository the template's RepoUrlPicker asked it for: a token goes only
 * to the host it was issued for, and only to the entity's repository.
 */
function userCredentials(
  input: { token?: string; repoUrl?: string },
  repository: ReadinessRepository,
  entityRef: string,
): ForgeCredentials {
  const token = input.token?.trim();
  const repoUrl = input.repoUrl?.trim();
  if (!repoUrl) {
    if (token) {
      throw new InputError(
        'token was given without repoUrl: pass the repoUrl of the RepoUrlPicker that asked for the token',
      );
    }
    return {};
  }
  const picked = parsePickedRepository(repoUrl);
  if (!picked) {
    throw new InputError(
      `repoUrl ${JSON.stringify(
        repoUrl,
      )} does not name a repository (host?owner=…&repo=…, as RepoUrlPicker writes it)`,
    );
  }
  const expected = `${repository.host}/${repository.path}`;
  if (`${picked.host}/${picked.path}` !== expected.toLocaleLowerCase('en-US')) {
    throw new InputError(
      `repoUrl names ${picked.host}/${picked.path}, but the repository of ${entityRef} is ${expected}: pick that one`,
    );
  }
  return token ? { userToken: token } : {};
}

function parseRef(value: string): CompoundEntityRef {
  try {
    return parseEntityRef(value, {
      defaultKind: 'component',
      defaultNamespace: 'default',
    });
  } catch (error) {
    throw new InputError(
      `entityRef ${JSON.stringify(value)} is not an entity ref: ${
        (error as Error).message
      }`,
    );
  }
}

/** How long a label name the forge allows, shown in full. */
const LABEL_LENGTH: Record<ReadinessForge, number> = {
  github: 50,
  gitlab: 255,
};

function pullRequestBody(
  project: ProjectDetails,
  proposal: ReadinessProposal,
  forge: ReadinessForge,
): string {
  const lines = [
    `This ${changeRequestName(
      forge,
    )} adds what the InnerSource readiness checklist of \`${singleLine(
      project.entityRef,
    )}\` in Backstage asks for:`,
    '',
    ...proposal.files.map(f => `- \`${f.path}\``),
  ];
  if (proposal.labels.length > 0) {
    lines.push(
      '',
      'It also created the labels the portal collects help-wanted issues by:',
      ...proposal.labels.map(
        l => `- ${inlineMarkdown(l.name, LABEL_LENGTH[forge])}`,
      ),
    );
  }
  if (proposal.manual.length > 0) {
    lines.push(
      '',
      'Still to do by hand:',
      ...proposal.manual.map(m => `- ${inlineMarkdown(m.advice, 300)}`),
    );
  }
  lines.push(
    '',
    'Read every file before merging: the texts are a starting point written from the catalog.',
  );
  return lines.join('\n');
}

/** The proposal in Markdown for the template's output page; catalog values escaped. */
export function proposalSummary(
  proposal: ReadinessProposal,
  repository: string,
  dryRun: boolean,
  forge: ReadinessForge = 'github',
): string {
  const section = (title: string, items: string[]) =>
    items.length > 0
      ? ['', `**${title}**`, '', ...items.map(i => `- ${i}`)]
      : [];
  const nothing = proposal.files.length === 0 && proposal.labels.length === 0;
  let headline: string;
  if (nothing) {
    headline = `Nothing to propose for ${repository}: it has what its failing checks ask for.`;
  } else if (dryRun) {
    headline = `Dry run: this is what the ${changeRequestName(
      forge,
    )} to ${repository} would add. Nothing was written.`;
  } else {
    headline = `Proposed to ${repository}:`;
  }
  return [
    headline,
    ...section(
      'Files',
      proposal.files.map(f => `\`${f.path}\``),
    ),
    ...section(
      'Labels',
      proposal.labels.map(l => inlineMarkdown(l.name, LABEL_LENGTH[forge])),
    ),
    ...section(
      'Skipped',
      proposal.skipped.map(m => inlineMarkdown(m.message, 300)),
    ),
    ...section(
      'Still to do by hand',
      proposal.manual.map(m => inlineMarkdown(m.advice, 300)),
    ),
  ].join('\n');
}

/**
 * `innersource:readiness:pull-request`: for an entity, one pull request
 * (a merge request on GitLab) adding what its failing readiness checks ask for (CONTRIBUTING.md,
 * CODEOWNERS, issue templates) and an innersource.json, and with it the
 * help-wanted and good-first-issue labels; in a dry run, only what it would
 * propose. Before any forge request it refuses unless the initiator holds
 * `innersource.readiness.propose` for the entity and the entity was
 * registered from a catalog file in that repository; it writes with the
 * user's own token when given one, else with the integration's credentials.
 *
 * @public
 */
export function createReadinessPullRequestAction(
  options: ReadinessPullRequestOptions,
) {
  const { catalog, auth, permissions, innersource, github, gitlab, labels } =
    options;
  return createTemplateAction({
    id: READINESS_PULL_REQUEST_ACTION_ID,
    description:
      'Opens one GitHub pull request or GitLab merge request adding what the entity’s failing InnerSource readiness checks ask for: CONTRIBUTING.md, CODEOWNERS, issue templates and innersource.json, and creates with it its missing help-wanted and good-first-issue labels (at most 5). Only for the entity’s owners (innersource.readiness.propose), only in the repository the entity was registered from; with the user’s own token when the template passes one.',
    supportsDryRun: true,
    examples: [
      {
        description: 'Make a component InnerSource-ready',
        example: [
          'steps:',
          '  - id: readiness',
          '    action: innersource:readiness:pull-request',
          '    input:',
          '      entityRef: component:default/payment-gateway',
        ].join('\n'),
      },
    ],
    schema: {
      input: {
        entityRef: z =>
          z
            .string()
            .min(1)
            .describe('The catalog entity whose repository to make ready'),
        branchName: z =>
          z
            .string()
            .regex(BRANCH_NAME, 'must be a plain git branch name')
            .optional()
            .describe(
              `The pull (or merge) request's branch; ${DEFAULT_BRANCH} by default`,
            ),
        repoUrl: z =>
          z
            .string()
            .optional()
            .describe(
              "The entity's repository as a RepoUrlPicker names it (host?owner=…&repo=…); needed with token, which the picker asked for on its host",
            ),
        token: z =>
          z
            .string()
            .optional()
            .describe(
              "The user's own GitHub or GitLab token (secrets.USER_OAUTH_TOKEN of a RepoUrlPicker with requestUserCredentials): every forge request is then made with it; without it, with the integration's credentials",
            ),
      },
      output: {
        files: z =>
          z
            .array(z.object({ path: z.string(), content: z.string() }))
            .describe(
              'The files the pull or merge request adds (or would add)',
            ),
        labels: z =>
          z.array(z.string()).describe('The labels created (or that would be)'),
        skipped: z =>
          z.array(z.string()).describe('What was not added, and why'),
        manual: z =>
          z
            .array(z.string())
            .describe('Failing checks no file fixes, with their advice'),
        summary: z =>
          z
            .string()
            .describe('The proposal in Markdown, for the template output'),
        pullRequestUrl: z =>
          z
            .string()
            .optional()
            .describe('The pull request (GitLab: merge request) opened'),
        pullRequestNumber: z =>
          z
            .number()
            .optional()
            .describe('Its number (GitLab: the merge request IID)'),
      },
    },
    async handler(ctx) {
      const ref = parseRef(ctx.input.entityRef);
      const entityRef = stringifyEntityRef(ref);
      const branch = ctx.input.branchName ?? DEFAULT_BRANCH;
      const credentials = await ctx.getInitiatorCredentials();

      const entity = await catalog.getEntityByRef(ref, { credentials });
      if (!entity) {
        throw new NotFoundError(
          `${entityRef} is not in the catalog, or you may not read it`,
        );
      }
      // Writes carry the initiator's authority: they must be allowed to
      // propose changes for this entity (the portal's policy: its owners)…
      const [decision] = await permissions.authorize(
        [
          {
            permission: innersourceReadinessProposePermission,
            resourceRef: entityRef,
          },
        ],
        { credentials },
      );
      if (decision.result !== AuthorizeResult.ALLOW) {
        throw new NotAllowedError(
          `you may not propose readiness changes for ${entityRef}: ${innersourceReadinessProposePermission.name} is granted to its owners`,
        );
      }
      // …and the repository is the one the entity was registered from, whose
      // writers declared its owners; checked before any forge request.
      const repository = readinessRepositoryOf(entity, { github, gitlab });
      const registeredAt = registeredFromRepository(entity, repository);
      const forgeCredentials = userCredentials(
        ctx.input,
        repository,
        entityRef,
      );

      const { token } = await auth.getPluginRequestToken({
        onBehalfOf: credentials,
        targetPluginId: INNERSOURCE_PLUGIN_ID,
      });
      let project: ProjectSummary;
      try {
        project = await innersource.getProject(entityRef, { token });
      } catch (error) {
        if (error instanceof ResponseError && error.response.status === 404) {
          throw new NotFoundError(
            `${entityRef} is not an InnerSource project the portal has collected`,
          );
        }
        throw error;
      }
      if (project.readiness.length === 0) {
        throw new InputError(
          `${entityRef} has no readiness checks yet (collection ${
            project.status
          }${
            project.errors[0] ? `: ${project.errors[0].message}` : ''
          }); refresh it on its InnerSource tab first`,
        );
      }

      const ownerRef =
        typeof entity.spec?.owner === 'string' ? entity.spec.owner : undefined;
      const owner = ownerRef
        ? await catalog.getEntityByRef(
            parseEntityRef(ownerRef, {
              defaultKind: 'group',
              defaultNamespace: ref.namespace,
            }),
            { credentials },
          )
        : undefined;
      const annotations = entity.metadata.annotations ?? {};
      const details: ProjectDetails = {
        entityRef,
        title: entity.metadata.title ?? entity.metadata.name,
        description: entity.metadata.description,
        ownerTitle: owner
          ? (owner.spec?.profile as { displayName?: string } | undefined)
              ?.displayName ??
            owner.metadata.title ??
            owner.metadata.name
          : ownerRef,
        skills: parseListAnnotation(
          annotations[INNERSOURCE_ANNOTATIONS.skills],
        ),
        repositoryUrl: repository.repositoryUrl,
        labels: {
          helpWanted: [
            ...new Set([
              ...labels.helpWanted,
              ...parseListAnnotation(
                annotations[INNERSOURCE_ANNOTATIONS.helpWantedLabels],
              ),
            ]),
          ],
          goodFirstIssue: labels.goodFirstIssue,
        },
      };
      // At most MAX_LABELS labels are asked about, mentioned or created.
      const wantedLabels = capLabels(details.labels).labels;

      const state = await repository.inspect(
        {
          labels: [...wantedLabels.goodFirstIssue, ...wantedLabels.helpWanted],
          branch,
        },
        forgeCredentials,
      );
      // A catalog file on another branch, a tag or a commit may come from a
      // pull request or a fork, which anyone can push.
      if (!onDefaultBranch(registeredAt, state.defaultBranch)) {
        throw new NotAllowedError(
          `${entityRef} was registered from a catalog file that is not on ${state.defaultBranch}, the default branch of ${repository.path}: readiness changes are proposed only for an entity registered from its repository's default branch`,
        );
      }
      const proposal = withoutLabelsAlone(
        proposeReadinessChanges({
          project: details,
          readiness: project.readiness,
          codeOwner: repository.codeOwner(owner, ownerRef),
          repository: state,
          forge: repository.forge,
        }),
        repository.forge,
      );

      ctx.output(
        'files',
        proposal.files.map(({ path, content }) => ({ path, content })),
      );
      ctx.output(
        'labels',
        proposal.labels.map(l => l.name),
      );
      ctx.output(
        'skipped',
        proposal.skipped.map(s => s.message),
      );
      ctx.output(
        'manual',
        proposal.manual.map(m => `${m.title}: ${m.advice}`),
      );
      ctx.output(
        'summary',
        proposalSummary(
          proposal,
          repository.path,
          Boolean(ctx.isDryRun),
          repository.forge,
        ),
      );
      const summary = `${proposal.files.length} file(s) (${
        proposal.files.map(f => f.path).join(', ') || 'none'
      }) and ${proposal.labels.length} label(s) (${
        proposal.labels.map(l => l.name).join(', ') || 'none'
      }) for ${repository.path}`;

      if (proposal.files.length > 0 && state.branchExists) {
        throw new InputError(
          `the branch ${branch} already exists in ${
            repository.path
          }: merge or close its ${changeRequestName(
            repository.forge,
          )}, or choose another branchName`,
        );
      }
      if (ctx.isDryRun) {
        ctx.logger.info(`Dry run: would propose ${summary}`);
        return;
      }
      if (proposal.files.length === 0 && proposal.labels.length === 0) {
        ctx.logger.info(
          `Nothing to propose for ${entityRef}: what its failing checks ask for is in the repository already`,
        );
        return;
      }

      const pull = await ctx.checkpoint({
        key: `readiness-pull-request-${
          repository.host
        }-${repository.path.replace(/\//g, '-')}-${branch}`,
        fn: async () =>
          (await state.publish({
            branch,
            // The ref, never the entity's title: workflows read PR titles.
            title: `Make ${entityRef} InnerSource-ready`,
            body: pullRequestBody(details, proposal, repository.forge),
            commitMessage: `Add what the InnerSource readiness checklist asks for\n\n${proposal.files
              .map(f => `- ${f.path}`)
              .join('\n')}`,
            files: proposal.files,
            labels: proposal.labels,
          })) ?? null,
      });
      ctx.logger.info(
        `Proposed ${summary}, with ${
          forgeCredentials.userToken
            ? 'your own token'
            : "the portal's integration credentials"
        }`,
      );
      if (pull) {
        ctx.output('pullRequestUrl', pull.url);
        ctx.output('pullRequestNumber', pull.number);
      }
    },
  });
}
