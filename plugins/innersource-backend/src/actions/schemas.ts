import type { z as zod } from 'zod/v3';

/** Every InnerSource action only reads stored snapshots: calling one again changes nothing. */
export const READ_ONLY = {
  readOnly: true,
  idempotent: true,
  destructive: false,
} as const;

/** How many results carry one value of a facet. */
export function facetCountSchema(z: typeof zod) {
  return z.object({ value: z.string(), count: z.number() });
}
