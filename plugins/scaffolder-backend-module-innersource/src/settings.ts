import type { Config } from '@backstage/config';

/**
 * The labels the InnerSource backend collects help-wanted issues by (`innersource.labels`), with its defaults.
 *
 * @public
 */
export interface LabelSettings {
  helpWanted: string[];
  goodFirstIssue: string[];
}

function labelList(config: Config, key: string, fallback: string[]): string[] {
  const labels = config.getOptionalStringArray(key);
  if (labels === undefined) return fallback;
  const cleaned = labels.map(l => l.trim()).filter(Boolean);
  if (cleaned.length === 0) {
    throw new Error(`${key} must name at least one label`);
  }
  return cleaned;
}

export function readLabelSettings(config: Config): LabelSettings {
  return {
    helpWanted: labelList(config, 'innersource.labels.helpWanted', [
      'help wanted',
    ]),
    goodFirstIssue: labelList(config, 'innersource.labels.goodFirstIssue', [
      'good first issue',
    ]),
  };
}
