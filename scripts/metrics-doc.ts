/* yarn docs:metrics: writes docs/metrics.md from the metric catalogue. */
import fs from 'node:fs';
import path from 'node:path';
import { metricsMarkdown } from '../plugins/innersource-common/src/metricsDoc';

const target = path.resolve(__dirname, '..', 'docs', 'metrics.md');
fs.writeFileSync(target, metricsMarkdown());
process.stdout.write(`wrote ${path.relative(process.cwd(), target)}\n`);
