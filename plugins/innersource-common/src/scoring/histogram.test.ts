import { parseScoringConfig } from './config';
import { scoreBucket, scoreHistogram, scoringBlockOf } from './histogram';
import { DEFAULT_SCORING_MODEL } from './model';

describe('scoreBucket', () => {
  it.each([
    [0, 0],
    [9, 0],
    [9.99, 0],
    [10, 1],
    [55, 5],
    [99, 9],
    [100, 9],
  ])('puts a score of %p in bucket %p', (score, bucket) => {
    expect(scoreBucket(score)).toBe(bucket);
  });
});

describe('scoreHistogram', () => {
  it('counts every score once, in ten buckets', () => {
    expect(scoreHistogram([0, 5, 10, 100, 95, 42])).toEqual([
      2, 1, 0, 0, 1, 0, 0, 0, 0, 2,
    ]);
  });

  it('has ten empty buckets for no scores', () => {
    expect(scoreHistogram([])).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  });
});

describe('scoringBlockOf', () => {
  it('gives a block that validates back to the same model', () => {
    const custom = parseScoringConfig({
      dimensions: { responsiveness: { weight: 0 } },
      tiers: [
        { name: 'High', min: 60, color: '#2e7d32' },
        { name: 'Low', min: 0, color: '#9e9e9e' },
      ],
    }).model;
    for (const model of [DEFAULT_SCORING_MODEL, custom]) {
      expect(parseScoringConfig(scoringBlockOf(model)).model).toEqual(model);
    }
  });
});
