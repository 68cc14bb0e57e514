import {
  describeMetricDirection,
  METRIC_CATALOGUE,
  type MetricDefinition,
} from './metricCatalogue';

const PROVIDER_NAMES: Record<string, string> = {
  git: 'git',
  github: 'GitHub',
  gitlab: 'GitLab',
};

const FORMAT_NAMES: Record<MetricDefinition['format'], string> = {
  count: 'a count',
  share: 'a share, 0 to 1 (shown as a percentage)',
  hours: 'hours (shown in days past two days)',
  days: 'whole days',
  weekly: 'weekly counts, oldest first',
};

/**
 * docs/metrics.md, written from the metric catalogue: `yarn docs:metrics`
 * writes it and a test checks that the committed file is what it writes.
 */
export function metricsMarkdown(): string {
  const lines: string[] = [
    '# Metrics',
    '',
    '<!-- Generated from METRIC_DEFINITIONS (plugins/innersource-common/src/metricCatalogue.ts) by `yarn docs:metrics`. Do not edit: change the catalogue and run it again. -->',
    '',
    'Every metric a project shows, as the metric catalogue defines it: what it',
    'counts, the published definition it follows, which providers can supply it',
    '(the others report it unknown, never zero) and which way is better. A window',
    'is the `innersource.windowDays` days (default 90) up to a collection.',
    'History keeps every metric with one number per snapshot, by key.',
    '',
    'People are counted once each: a catalog User stands for every e-mail',
    '(`spec.profile.email` and the `innersource/emails` annotation) and forge',
    'login (`github.com/user-login`, `gitlab.com/user-login`) they use; anyone',
    'else is their lower-cased e-mail or forge login. Bots and coding agents are',
    'no people: their commits and pull requests count in',
    '[`agentContributions`](#agentContributions) only.',
    '',
  ];
  for (const m of METRIC_CATALOGUE) {
    lines.push(
      `- [${m.label}](#${m.key}) (\`${m.key}\`): ${
        m.direction === 'higher-is-better' ? 'higher' : 'lower'
      } is better; ${m.providers.map(p => PROVIDER_NAMES[p]).join(', ')}${
        m.scoringInput ? `; scoring input: ${m.scoringInput}` : ''
      }`,
    );
  }
  lines.push(
    '',
    'A scoring input names the dimension of the scoring model (docs/scoring.md)',
    'that reads the metric; the other metrics are shown and kept in history, and',
    'no dimension reads them.',
  );
  for (const m of METRIC_CATALOGUE) {
    lines.push(
      '',
      `<a id="${m.key}"></a>`,
      '',
      `## ${m.label}`,
      '',
      m.description,
      '',
      `- Key: \`${m.key}\`, ${FORMAT_NAMES[m.format]}`,
      `- ${describeMetricDirection(m.direction)}`,
      `- Source: ${
        m.source ? `[${m.source.name}](${m.source.url})` : 'this project'
      }`,
      `- Providers: ${m.providers.map(p => PROVIDER_NAMES[p]).join(', ')}`,
    );
    if (m.fromCommitHistory)
      lines.push(
        "- Backfilled: a first collection reconstructs its past weeks from the repository's commits",
      );
    if (m.scoringInput) lines.push(`- Scoring input: ${m.scoringInput}`);
  }
  return `${lines.join('\n')}\n`;
}
