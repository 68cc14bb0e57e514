import type { AuthService } from '@backstage/backend-plugin-api';
import {
  CompoundEntityRef,
  Entity,
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
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  INNERSOURCE_ANNOTATIONS,
  INNERSOURCE_PLUGIN_ID,
  InnerSourceApi,
  parseListAnnotation,
  ProjectSummary,
} from '@innersource-for-backstage/plugin-innersource-common';
import {
  decideRepositoryCollection,
  resolveRepositoryLocation,
} from '@innersource-for-backstage/plugin-innersource-node';
import type {
  GithubReadinessRepository,
  GithubTarget,
} from '../github/GithubReadinessRepository';
import { GITHUB_FILE_SEGMENTS } from '../github/GithubReadinessRepository';
import { resolveCodeOwner } from '../proposal/codeOwner';
import type { ProjectDetails } from '../proposal/contents';
import {
  pathsToLookUp,
  proposeReadinessChanges,
  ReadinessProposal,
} from '../proposal/proposeReadinessChanges';
import { inlineMarkdown, singleLine } from '../proposal/text';
import type { LabelSettings } from '../settings';

/** @public */
export const READINESS_PULL_REQUEST_ACTION_ID =
  'innersource:readiness:pull-request';
const DEFAULT_BRANCH = 'innersource-readiness';
/** Git branch names this action accepts: plain path segments, no `..`, no trailing `.lock`. */
const BRANCH_NAME = /^(?!.*\.\.)(?!.*\.lock$)[A-Za-z0-9][A-Za-z0-9._/-]{0,99}$/;
const SLUG_SEGMENT = /^[A-Za-z0-9_.-]+$/;

/** @public */
export interface ReadinessPullRequestOptions {
  catalog: CatalogService;
  auth: AuthService;
  innersource: InnerSourceApi;
  github: Pick<GithubReadinessRepository, 'handles' | 'inspect' | 'publish'>;
  labels: LabelSettings;
  /** `innersource.repositories.allow`: repositories neither public nor internal that InnerSource may still touch. */
  allowedRepositories?: string[];
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

/** The GitHub repository an entity names, or a clear error for anything else. */
export function githubTargetOf(
  entity: Entity,
  github: Pick<GithubReadinessRepository, 'handles'>,
): GithubTarget {
  const ref = stringifyEntityRef(entity);
  const resolution = resolveRepositoryLocation(entity);
  if (resolution.error) throw new InputError(`${ref}: ${resolution.error}`);
  const location = resolution.location;
  if (!location) {
    throw new InputError(
      `${ref} names no repository: add github.com/project-slug or backstage.io/source-location`,
    );
  }
  if (location.type === 'gitlab') {
    throw new InputError(
      `${ref} is on GitLab (${location.host}): readiness merge requests on GitLab are not supported yet, only GitHub pull requests`,
    );
  }
  if (location.type === 'path') {
    throw new InputError(
      `${ref} is a folder on the backend's disk (${location.path}), not a GitHub repository`,
    );
  }
  let owner: string | undefined;
  let name: string | undefined;
  if ('slug' in location) {
    [owner, name] = location.slug.split('/');
  } else {
    const parts = new URL(location.url).pathname.split('/').filter(Boolean);
    [owner, name] = [parts[0], parts[1]?.replace(/\.git$/, '')];
  }
  if (!github.handles(location.host)) {
    throw new InputError(
      `${ref} is on ${location.host}, which is not a GitHub host of integrations.github (GitLab and other forges are not supported yet)`,
    );
  }
  if (
    !owner ||
    !name ||
    !SLUG_SEGMENT.test(owner) ||
    !SLUG_SEGMENT.test(name)
  ) {
    throw new InputError(
      `${ref}: its repository on ${location.host} is not named as owner/name`,
    );
  }
  return { host: location.host, owner, name };
}

function pullRequestBody(
  project: ProjectDetails,
  proposal: ReadinessProposal,
): string {
  const lines = [
    `This pull request adds what the InnerSource readiness checklist of \`${singleLine(
      project.entityRef,
    )}\` in Backstage asks for:`,
    '',
    ...proposal.files.map(f => `- \`${f.path}\``),
  ];
  if (proposal.labels.length > 0) {
    lines.push(
      '',
      'It also created the labels the portal collects help-wanted issues by:',
      ...proposal.labels.map(l => `- ${inlineMarkdown(l.name, 50)}`),
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
    headline = `Dry run: this is what the pull request to ${repository} would add. Nothing was written.`;
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
      proposal.labels.map(l => inlineMarkdown(l.name, 50)),
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
 * adding what its failing readiness checks ask for (CONTRIBUTING.md,
 * CODEOWNERS, issue templates) and an innersource.json, and the help-wanted
 * and good-first-issue labels; in a dry run, only what it would propose.
 *
 * @public
 */
export function createReadinessPullRequestAction(
  options: ReadinessPullRequestOptions,
) {
  const { catalog, auth, innersource, github, labels } = options;
  const allowedRepositories = options.allowedRepositories ?? [];
  return createTemplateAction({
    id: READINESS_PULL_REQUEST_ACTION_ID,
    description:
      'Opens one GitHub pull request adding what the entity’s failing InnerSource readiness checks ask for: CONTRIBUTING.md, CODEOWNERS, issue templates and innersource.json, and creates its help-wanted and good-first-issue labels.',
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
              `The pull request's branch; ${DEFAULT_BRANCH} by default`,
            ),
      },
      output: {
        files: z =>
          z
            .array(z.object({ path: z.string(), content: z.string() }))
            .describe('The files the pull request adds (or would add)'),
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
          z.string().optional().describe('The pull request opened'),
        pullRequestNumber: z => z.number().optional(),
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
      const target = githubTargetOf(entity, github);

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
        repositoryUrl: `https://${target.host}/${target.owner}/${target.name}`,
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

      const state = await github.inspect(target, {
        paths: pathsToLookUp(),
        labels: [
          ...details.labels.goodFirstIssue,
          ...details.labels.helpWanted,
        ],
        branch,
      });
      // The backend's credentials write here: only to a repository the
      // organisation may see, as for collection (the same rule, in -node).
      const decision = decideRepositoryCollection(
        {
          host: target.host,
          path: `${target.owner}/${target.name}`,
          visibility: state.visibility,
          webUrl: state.webUrl,
          fileSegments: GITHUB_FILE_SEGMENTS,
        },
        { entity, allow: allowedRepositories, forge: 'GitHub' },
      );
      if (!decision.allowed) throw new NotAllowedError(decision.error);
      const proposal = proposeReadinessChanges({
        project: details,
        readiness: project.readiness,
        codeOwner: resolveCodeOwner(owner, ownerRef, target.owner),
        repository: state,
      });

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
          `${target.owner}/${target.name}`,
          Boolean(ctx.isDryRun),
        ),
      );
      const summary = `${proposal.files.length} file(s) (${
        proposal.files.map(f => f.path).join(', ') || 'none'
      }) and ${proposal.labels.length} label(s) (${
        proposal.labels.map(l => l.name).join(', ') || 'none'
      }) for ${target.owner}/${target.name}`;

      if (proposal.files.length > 0 && state.branchExists) {
        throw new InputError(
          `the branch ${branch} already exists in ${target.owner}/${target.name}: merge or close its pull request, or choose another branchName`,
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
        key: `readiness-pull-request-${target.host}-${target.owner}-${target.name}-${branch}`,
        fn: async () =>
          (await github.publish(target, state, {
            branch,
            title: `Make ${singleLine(details.title, 100)} InnerSource-ready`,
            body: pullRequestBody(details, proposal),
            commitMessage: `Add what the InnerSource readiness checklist asks for\n\n${proposal.files
              .map(f => `- ${f.path}`)
              .join('\n')}`,
            files: proposal.files,
            labels: proposal.labels,
          })) ?? null,
      });
      ctx.logger.info(`Proposed ${summary}`);
      if (pull) {
        ctx.output('pullRequestUrl', pull.url);
        ctx.output('pullRequestNumber', pull.number);
      }
    },
  });
}
