import { parse, stringify } from 'yaml';

export type CandidateParse =
  | { block: Record<string, unknown> }
  | { error: string };

const isMap = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Reads the YAML a platform engineer typed as a candidate `innersource.scoring`
 * block. A block pasted with its `innersource:` / `scoring:` keys around it is
 * taken as the block inside, so app-config can be copied as it is.
 */
export function parseCandidate(text: string): CandidateParse {
  let value: unknown;
  try {
    value = parse(text, { prettyErrors: true });
  } catch (error) {
    return {
      error: `The candidate is not valid YAML: ${(error as Error).message}`,
    };
  }
  if (value === null || value === undefined) return { block: {} };
  if (!isMap(value)) {
    return {
      error:
        'The candidate must be a map of scoring settings (dimensions, readiness, tiers, profiles), as under innersource.scoring in app-config',
    };
  }
  let block: Record<string, unknown> = value;
  const keys = () => Object.keys(block);
  if (
    keys().length === 1 &&
    keys()[0] === 'innersource' &&
    isMap(block.innersource)
  )
    block = block.innersource;
  if (keys().length === 1 && keys()[0] === 'scoring' && isMap(block.scoring))
    block = block.scoring;
  return { block };
}

/** The block as the YAML the editor starts from. */
export function candidateText(block: Record<string, unknown>): string {
  return stringify(block, { lineWidth: 0 });
}
