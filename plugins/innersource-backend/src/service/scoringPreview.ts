import { InputError } from '@backstage/errors';
import {
  AGGREGATE_SCOPE,
  parseScoringConfig,
  PreviewProject,
  ScoringConfig,
  ScoringConfigError,
  ScoringPreviewer,
  ScoringPreviewResponse,
} from '@innersource-for-backstage/plugin-innersource-common';

/** The candidate scoring block of a preview request; a 400 that says what is wrong otherwise. */
export function parsePreviewCandidate(body: unknown): ScoringConfig {
  const scoring = (body as { scoring?: unknown } | undefined)?.scoring;
  if (
    !body ||
    typeof body !== 'object' ||
    Array.isArray(body) ||
    typeof scoring !== 'object' ||
    scoring === null ||
    Array.isArray(scoring)
  ) {
    throw new InputError(
      'The body must be a JSON object { "scoring": { … } } holding a block shaped like innersource.scoring',
    );
  }
  try {
    return parseScoringConfig(scoring);
  } catch (error) {
    if (error instanceof ScoringConfigError)
      throw new InputError(error.message);
    throw error;
  }
}

const MAX_PREVIEW_CHANGES = 200;

/** The pages of projects, keeping only those the caller may read. */
export async function* onlyReadable(
  pages: AsyncIterable<PreviewProject[]>,
  readable: string[] | 'all',
): AsyncGenerator<PreviewProject[]> {
  const allowed = readable === 'all' ? undefined : new Set(readable);
  for await (const page of pages) {
    yield allowed ? page.filter(p => allowed.has(p.entityRef)) : page;
  }
}

/**
 * Scores the projects given under the candidate: the caller's readable ones,
 * so counts, histograms and changes say nothing of any other.
 */
export async function previewScoring(options: {
  candidate: ScoringConfig;
  current: ScoringConfig;
  projects: AsyncIterable<PreviewProject[]>;
  now?: Date;
}): Promise<ScoringPreviewResponse> {
  const previewer = new ScoringPreviewer(
    options.candidate,
    options.now ?? new Date(),
    options.current.model.tiers.map(t => t.name),
  );
  for await (const page of options.projects) previewer.add(page);
  const preview = previewer.result();
  return {
    ...preview,
    changedProjects: preview.changes.length,
    scope: AGGREGATE_SCOPE,
    changes: preview.changes.slice(0, MAX_PREVIEW_CHANGES),
    profileErrors: preview.profileErrors.slice(0, MAX_PREVIEW_CHANGES),
  };
}
