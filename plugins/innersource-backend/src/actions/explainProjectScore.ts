import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { parseEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import type { ProjectSummary } from '@innersource-for-backstage/plugin-innersource-common';
import type { InnerSourceQueries } from '../service/InnerSourceQueries';
import { entityRefFromPath } from '../service/parameters';
import {
  FILTER_VALUE_MAX_LENGTH,
  noticeSchema,
  READ_ONLY,
  UNTRUSTED_TEXT_DESCRIPTION,
  UNTRUSTED_TEXT_NOTICE,
  untrustedText,
} from './schemas';

/** `kind:namespace/name` (namespace `default` when left out) as the routes' lower-case ref. */
export function projectRefFromInput(entityRef: string): string {
  let parsed: { kind: string; namespace: string; name: string };
  try {
    parsed = parseEntityRef(entityRef, { defaultNamespace: 'default' });
  } catch {
    throw new InputError(
      `entityRef must look like kind:namespace/name, e.g. component:default/portal, got "${entityRef}"`,
    );
  }
  return entityRefFromPath(parsed);
}

/** Registers `explain-project-score`: one project's score, why, and what to fix. */
export function registerExplainProjectScore(
  registry: ActionsRegistryService,
  queries: InnerSourceQueries,
) {
  registry.register({
    name: 'explain-project-score',
    title: 'Explain an InnerSource project score',
    description: [
      "Explains one InnerSource project's score (0 to 100) and tier: each dimension",
      '(activity, readiness, collaboration, responsiveness) with its value, weight, points and the reason for it,',
      'and the readiness checks the project fails with advice on how to pass each.',
      'Use it when someone asks why a project scores as it does or how to make it easier to contribute to.',
      'Give the catalog entity ref, e.g. component:default/portal (find refs with list-innersource-projects).',
      'A project not collected yet has status pending and no score.',
      'An entity that does not exist and one the caller may not read give the same not-found error.',
      UNTRUSTED_TEXT_DESCRIPTION,
    ].join(' '),
    attributes: READ_ONLY,
    schema: {
      input: z =>
        z.object({
          entityRef: z
            .string()
            .min(1)
            .max(FILTER_VALUE_MAX_LENGTH)
            .describe(
              'The catalog entity ref of the project, kind:namespace/name, e.g. component:default/portal.',
            ),
        }),
      output: z =>
        z.object({
          notice: noticeSchema(z),
          entityRef: z.string(),
          title: untrustedText(z, "The entity's title.").optional(),
          owner: z.string().optional(),
          status: z
            .enum(['collected', 'pending', 'failed'])
            .describe(
              'pending: not measured yet; failed: the latest collection failed (the last good score is kept).',
            ),
          score: z.number().nullable(),
          tier: z.string().nullable(),
          profile: z
            .string()
            .nullable()
            .describe('The scoring profile whose weights applied.'),
          dimensions: z.array(
            z.object({
              id: z.string(),
              title: z.string(),
              value: z
                .number()
                .nullable()
                .describe(
                  '0 to 100; null when its facts are unknown (its weight then goes to the others).',
                ),
              weight: z.number(),
              points: z
                .number()
                .describe('What the dimension adds to the score.'),
              reason: z.string().describe('How the value came about.'),
            }),
          ),
          failingChecks: z.array(
            z.object({
              id: z.string(),
              title: z.string(),
              weight: z.number(),
              advice: z.string().describe('How to pass the check.'),
            }),
          ),
          passedChecks: z.array(z.string()),
          repositoryUrl: z.string().optional(),
          refreshedAt: z.string().nullable(),
          errors: z
            .array(z.string())
            .describe('Why the latest collection failed, if it did.'),
        }),
    },
    action: async ({ input, credentials }) => {
      const summary = await queries.projectSummary(
        projectRefFromInput(input.entityRef),
        credentials,
      );
      return { output: scoreExplanation(summary) };
    },
  });
}

function scoreExplanation(summary: ProjectSummary) {
  return {
    notice: UNTRUSTED_TEXT_NOTICE,
    entityRef: summary.entityRef,
    title: summary.title,
    owner: summary.owner,
    status: summary.status,
    score: summary.score,
    tier: summary.tier?.name ?? null,
    profile: summary.profile,
    dimensions: summary.dimensions.map(d => ({
      id: d.id,
      title: d.title,
      value: d.value,
      weight: d.weight,
      points: d.points,
      reason: d.explanation,
    })),
    failingChecks: summary.readiness
      .filter(check => !check.passed)
      .map(check => ({
        id: check.id,
        title: check.title,
        weight: check.weight,
        advice: check.advice,
      })),
    passedChecks: summary.readiness
      .filter(check => check.passed)
      .map(check => check.title),
    repositoryUrl: summary.repository?.webUrl,
    refreshedAt: summary.refreshedAt,
    errors: summary.errors.map(e => e.message),
  };
}
