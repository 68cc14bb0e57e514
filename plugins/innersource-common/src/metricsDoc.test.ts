import fs from 'node:fs';
import path from 'node:path';
import { METRIC_CATALOGUE } from './metricCatalogue';
import { metricsMarkdown } from './metricsDoc';

describe('docs/metrics.md', () => {
  const file = path.resolve(__dirname, '..', '..', '..', 'docs', 'metrics.md');

  it('is what the catalogue writes (run `yarn docs:metrics` after changing it)', () => {
    expect(fs.readFileSync(file, 'utf8')).toBe(metricsMarkdown());
  });

  it('lists every metric with its definition, source, providers and direction', () => {
    const doc = metricsMarkdown();
    for (const m of METRIC_CATALOGUE) {
      expect(doc).toContain(`<a id="${m.key}"></a>`);
      expect(doc).toContain(m.description);
      expect(doc).toContain(
        m.source
          ? `- Source: [${m.source.name}](${m.source.url})`
          : '- Source: this project',
      );
    }
    expect(doc).toContain(
      '- Source: [CHAOSS: Contributor Absence Factor](https://chaoss.community/kb/metric-contributor-absence-factor/)',
    );
  });
});
