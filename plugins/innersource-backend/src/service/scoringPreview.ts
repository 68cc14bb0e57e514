import { InputError } from '@backstage/errors';
import {
  parseScoringConfig,
  PreviewProject,
  ScoringConfig,
  ScoringConfigError,
  ScoringPreviewer,
  ScoringPreviewResponse,
} from '@internal/plugin-innersource-common';

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

/**
 * Scores every stored project under the candidate; the distribution counts
 * every project, the named ones are those `readableRefs` lets the caller see.
 */
export async function previewScoring(options: {
  candidate: ScoringConfig;
  current: ScoringConfig;
  projects: AsyncIterable<PreviewProject[]>;
  readableRefs(refs: string[]): Promise<Set<string>>;
  now?: Date;
}): Promise<ScoringPreviewResponse> {
  const previewer = new ScoringPreviewer(
    options.candidate,
    options.now ?? new Date(),
    options.current.model.tiers.map(t => t.name),
  );
  for await (const page of options.projects) previewer.add(page);
  const preview = previewer.result();
  const named = preview.changes.slice(0, MAX_PREVIEW_CHANGES * 2);
  const namedErrors = preview.profileErrors.slice(0, MAX_PREVIEW_CHANGES);
  const visible = await options.readableRefs([
    ...new Set([...named, ...namedErrors].map(c => c.entityRef)),
  ]);
  return {
    ...preview,
    changedProjects: preview.changes.length,
    changes: named
      .filter(c => visible.has(c.entityRef))
      .slice(0, MAX_PREVIEW_CHANGES),
    profileErrors: namedErrors.filter(e => visible.has(e.entityRef)),
  };
}
