import type { AuthService } from '@backstage/backend-plugin-api';
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
  LabelSettings,
} from '@innersource-for-backstage/plugin-innersource-node';
import type { GithubReadinessRepository } from '../github/GithubReadinessRepository';
import type { GitlabReadinessRepository } from '../gitlab/GitlabReadinessRepository';
import type { ProjectDetails } from '../proposal/contents';
import { changeRequestName, ReadinessForge } from '../proposal/forge';
import {
  proposeReadinessChanges,
  ReadinessProposal,
} from '../proposal/proposeReadinessChanges';
import { readinessRepositoryOf } from './forges';
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
  innersource: InnerSourceApi;
  github: Pick<GithubReadinessRepository, 'handles' | 'inspect' | 'publish'>;
  /** Merge requests on the hosts of `integrations.gitlab`; without it, entities on GitLab get an error. */
  gitlab?: Pick<GitlabReadinessRepository, 'baseUrlOf' | 'inspect' | 'publish'>;
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
 * CODEOWNERS, issue templates) and an innersource.json, and the help-wanted
 * and good-first-issue labels; in a dry run, only what it would propose.
 *
 * @public
 */
export function createReadinessPullRequestAction(
  options: ReadinessPullRequestOptions,
) {
  const { catalog, auth, innersource, github, gitlab, labels } = options;
  const allowedRepositories = options.allowedRepositories ?? [];
  return createTemplateAction({
    id: READINESS_PULL_REQUEST_ACTION_ID,
    description:
      'Opens one GitHub pull request or GitLab merge request adding what the entity’s failing InnerSource readiness checks ask for: CONTRIBUTING.md, CODEOWNERS, issue templates and innersource.json, and creates its help-wanted and good-first-issue labels.',
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
      const repository = readinessRepositoryOf(entity, { github, gitlab });

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

      const state = await repository.inspect({
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
          host: repository.host,
          path: repository.path,
          visibility: state.visibility,
          webUrl: state.webUrl,
          fileSegments: repository.fileSegments,
        },
        { entity, allow: allowedRepositories, forge: repository.forgeName },
      );
      if (!decision.allowed) throw new NotAllowedError(decision.error);
      const proposal = proposeReadinessChanges({
        project: details,
        readiness: project.readiness,
        codeOwner: repository.codeOwner(owner, ownerRef),
        repository: state,
        forge: repository.forge,
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
            title: `Make ${singleLine(details.title, 100)} InnerSource-ready`,
            body: pullRequestBody(details, proposal, repository.forge),
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
