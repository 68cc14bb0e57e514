import { facetDelta, FacetCount, projectFacetCounts } from './taskFacetCounts';

const project = {
  owner: 'group:default/payments-team',
  language: 'Java',
  tier: 'Growing',
  skills: ['java', 'kotlin'],
  labels: new Map([
    ['help wanted', 3],
    ['documentation', 1],
  ]),
  tasks: 3,
};

describe('projectFacetCounts', () => {
  it.each<[string, Parameters<typeof projectFacetCounts>[0], FacetCount[]]>([
    [
      'every task under each project value, each label as often as tasks carry it',
      project,
      [
        { facet: 'total', value: '', tasks: 3 },
        { facet: 'owners', value: 'group:default/payments-team', tasks: 3 },
        { facet: 'languages', value: 'Java', tasks: 3 },
        { facet: 'tiers', value: 'Growing', tasks: 3 },
        { facet: 'skills', value: 'java', tasks: 3 },
        { facet: 'skills', value: 'kotlin', tasks: 3 },
        { facet: 'labels', value: 'help wanted', tasks: 3 },
        { facet: 'labels', value: 'documentation', tasks: 1 },
      ],
    ],
    [
      'no value for what the project lacks',
      {
        ...project,
        owner: null,
        language: null,
        tier: null,
        skills: [],
        labels: new Map(),
      },
      [{ facet: 'total', value: '', tasks: 3 }],
    ],
    [
      'a skill listed twice once',
      { ...project, skills: ['go', 'go'], labels: new Map() },
      [
        { facet: 'total', value: '', tasks: 3 },
        { facet: 'owners', value: 'group:default/payments-team', tasks: 3 },
        { facet: 'languages', value: 'Java', tasks: 3 },
        { facet: 'tiers', value: 'Growing', tasks: 3 },
        { facet: 'skills', value: 'go', tasks: 3 },
      ],
    ],
    ['nothing without open tasks', { ...project, tasks: 0 }, []],
  ])('%s', (_, input, expected) => {
    expect(projectFacetCounts(input)).toEqual(expected);
  });
});

describe('facetDelta', () => {
  const c = (facet: FacetCount['facet'], value: string, tasks: number) => ({
    facet,
    value,
    tasks,
  });

  it.each<[string, FacetCount[], FacetCount[], FacetCount[]]>([
    [
      'adds what is new',
      [],
      [c('total', '', 2), c('labels', 'bug', 1)],
      [c('labels', 'bug', 1), c('total', '', 2)],
    ],
    [
      'takes away what went',
      [c('total', '', 2), c('owners', 'group:default/a', 2)],
      [],
      [c('owners', 'group:default/a', -2), c('total', '', -2)],
    ],
    [
      'sums the projects of a batch and leaves out what did not change',
      [c('total', '', 2), c('total', '', 1), c('tiers', 'Growing', 3)],
      [c('total', '', 4), c('tiers', 'Growing', 3), c('tiers', 'Thriving', 1)],
      [c('tiers', 'Thriving', 1), c('total', '', 1)],
    ],
    [
      'keeps a value that moves between facets apart',
      [c('skills', 'go', 1)],
      [c('languages', 'go', 1)],
      [c('languages', 'go', 1), c('skills', 'go', -1)],
    ],
  ])('%s', (_, before, after, expected) => {
    expect(facetDelta(before, after)).toEqual(expected);
  });
});
