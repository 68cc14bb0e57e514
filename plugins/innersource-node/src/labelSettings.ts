import type { Config } from '@backstage/config';

/**
 * The issue labels that make a help-wanted task (`innersource.labels`), matched
 * case-insensitively.
 *
 * @public
 */
export interface LabelSettings {
  /** `innersource.labels.helpWanted`; default `help wanted`. */
  helpWanted: string[];
  /** `innersource.labels.goodFirstIssue`; default `good first issue`. */
  goodFirstIssue: string[];
}

const DEFAULT_LABEL_SETTINGS: Readonly<LabelSettings> = {
  helpWanted: ['help wanted'],
  goodFirstIssue: ['good first issue'],
};

function labelList(config: Config, key: string, fallback: string[]): string[] {
  const labels = config.getOptionalStringArray(key);
  if (labels === undefined) return [...fallback];
  const cleaned = labels.map(l => l.trim()).filter(Boolean);
  if (cleaned.length === 0) {
    throw new Error(`${key} must name at least one label`);
  }
  return cleaned;
}

/**
 * Reads `innersource.labels` from the root config: each list trimmed, the
 * default where a list is not configured. Throws naming the key when a
 * configured list names no label.
 *
 * @public
 */
export function readLabelSettings(config: Config): LabelSettings {
  return {
    helpWanted: labelList(
      config,
      'innersource.labels.helpWanted',
      DEFAULT_LABEL_SETTINGS.helpWanted,
    ),
    goodFirstIssue: labelList(
      config,
      'innersource.labels.goodFirstIssue',
      DEFAULT_LABEL_SETTINGS.goodFirstIssue,
    ),
  };
}
