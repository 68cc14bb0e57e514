import type { TaskQuery } from '../api';
import type { ProjectListRequest } from './InnerSourceApi';
import {
  InvalidQueryParameterError,
  parseProjectListRequest,
  parseTaskQuery,
  projectListRequestToSearchParams,
  replaceProjectListRequest,
  replaceTaskQuery,
  TASK_QUERY_KEYS,
  PROJECT_LIST_KEYS,
  taskQueryToSearchParams,
  withTaskQueryDefaults,
} from './queryParameters';

describe('task query strings', () => {
  // [case, query, query string, the query read back]
  const cases: Array<[string, TaskQuery, string, TaskQuery]> = [
    ['nothing set', {}, '', {}],
    [
      'lists repeat their key, in the order given',
      { label: ['help wanted', 'docs'], tier: ['Thriving'] },
      'label=help+wanted&label=docs&tier=Thriving',
      { label: ['help wanted', 'docs'], tier: ['Thriving'] },
    ],
    [
      'entity refs are encoded',
      { project: ['component:default/a'], owner: ['group:ops/b'] },
      'project=component%3Adefault%2Fa&owner=group%3Aops%2Fb',
      { project: ['component:default/a'], owner: ['group:ops/b'] },
    ],
    [
      'booleans are written only when they differ from what the API assumes',
      { goodFirst: true, forMe: true, facets: false },
      'goodFirst=true&forMe=true&facets=false',
      { goodFirst: true, forMe: true, facets: false },
    ],
    [
      'booleans at their default are left out',
      { goodFirst: false, forMe: false, facets: true },
      '',
      {},
    ],
    [
      'empty values are left out',
      { q: '', label: [], updatedWithinDays: 0, cursor: '' },
      '',
      {},
    ],
    [
      'numbers, order and cursor',
      { updatedWithinDays: 30, sort: 'comments', limit: 50, cursor: 'abc=' },
      'updatedWithinDays=30&sort=comments&limit=50&cursor=abc%3D',
      { updatedWithinDays: 30, sort: 'comments', limit: 50, cursor: 'abc=' },
    ],
    [
      'unicode words and values',
      { q: 'übersetzung 文档 🚀', skill: ['Ελληνικά'], label: ['bon début'] },
      'q=%C3%BCbersetzung+%E6%96%87%E6%A1%A3+%F0%9F%9A%80&label=bon+d%C3%A9but&skill=%CE%95%CE%BB%CE%BB%CE%B7%CE%BD%CE%B9%CE%BA%CE%AC',
      { q: 'übersetzung 文档 🚀', label: ['bon début'], skill: ['Ελληνικά'] },
    ],
    [
      'words typed with spaces around are read trimmed',
      { q: '  refunds  ' },
      'q=++refunds++',
      { q: 'refunds' },
    ],
    [
      'a value holding a comma is read as a comma list, as the API always has',
      { label: ['a,b'] },
      'label=a%2Cb',
      { label: ['a', 'b'] },
    ],
    [
      '"for me" with its own order',
      { forMe: true, sort: 'match' },
      'forMe=true&sort=match',
      { forMe: true, sort: 'match' },
    ],
  ];

  it.each(cases)('%s', (_case, query, search, readBack) => {
    const params = taskQueryToSearchParams(query);
    expect(params.toString()).toBe(search);
    expect(parseTaskQuery(new URLSearchParams(search))).toEqual(readBack);
    // A second round changes nothing.
    expect(parseTaskQuery(taskQueryToSearchParams(readBack))).toEqual(readBack);
  });

  it('reads Express query objects: single values, repeated values and comma lists', () => {
    expect(
      parseTaskQuery({
        q: 'api',
        label: ['help wanted', 'docs'],
        tier: 'Thriving, Growing',
        goodFirst: 'true',
        limit: '5',
        unrelated: { nested: 'ignored' },
      }),
    ).toEqual({
      q: 'api',
      label: ['help wanted', 'docs'],
      tier: ['Thriving', 'Growing'],
      goodFirst: true,
      limit: 5,
    });
  });

  it('reads empty values as not set', () => {
    expect(
      parseTaskQuery(
        new URLSearchParams(
          'q=&label=&label=+&goodFirst=&limit=&updatedWithinDays=&sort=&cursor=',
        ),
      ),
    ).toEqual({});
  });

  // [case, query string or object, the parameter named, the message]
  const invalid: Array<
    [string, string | Record<string, unknown>, string, string]
  > = [
    [
      'a limit out of range',
      'limit=500',
      'limit',
      'limit must be a whole number from 1 to 100, got "500"',
    ],
    [
      'a limit that is not a whole number',
      'limit=2.5',
      'limit',
      'limit must be a whole number from 1 to 100, got "2.5"',
    ],
    [
      'days out of range',
      'updatedWithinDays=0',
      'updatedWithinDays',
      'updatedWithinDays must be a whole number from 1 to 3650, got "0"',
    ],
    [
      'a boolean other than true or false',
      'goodFirst=yes',
      'goodFirst',
      'goodFirst must be true or false, got "yes"',
    ],
    [
      'an unknown order',
      'sort=random',
      'sort',
      'sort must be one of updated, created, score, comments, match, got "random"',
    ],
    [
      'ranking by skills without "for me"',
      'sort=match',
      'sort',
      'sort=match ranks by your skills and needs forMe=true',
    ],
    [
      'a single value given twice',
      'cursor=a&cursor=b',
      'cursor',
      'cursor may be given once',
    ],
    [
      'too many words',
      `q=${'a'.repeat(201)}`,
      'q',
      'q must be at most 200 characters, got 201',
    ],
    [
      'a control character',
      'cursor=a%00b',
      'cursor',
      'cursor must not contain control characters',
    ],
    [
      'a nested object from the query parser',
      { label: { x: 'y' } },
      'label',
      'label must be a plain value',
    ],
  ];

  it.each(invalid)(
    'rejects %s, naming the parameter',
    (_case, input, parameter, message) => {
      const read = () =>
        parseTaskQuery(
          typeof input === 'string' ? new URLSearchParams(input) : input,
        );
      expect(read).toThrow(InvalidQueryParameterError);
      expect(read).toThrow(
        expect.objectContaining({ name: 'InputError', parameter, message }),
      );
    },
  );

  it('reads a shared link leniently: a bad value is left out, the rest applies', () => {
    expect(
      parseTaskQuery(
        new URLSearchParams(
          'q=docs&limit=500&goodFirst=yes&sort=match&label=api&cursor=a&cursor=b',
        ),
        'lenient',
      ),
    ).toEqual({ q: 'docs', label: ['api'], cursor: 'a' });
  });

  it('fills in what the API assumes for what a query leaves out', () => {
    expect(withTaskQueryDefaults({})).toEqual({
      sort: 'updated',
      limit: 20,
      facets: true,
    });
    expect(withTaskQueryDefaults({ forMe: true })).toEqual({
      forMe: true,
      sort: 'match',
      limit: 20,
      facets: true,
    });
    expect(
      withTaskQueryDefaults({ forMe: true, sort: 'created', limit: 5 }),
    ).toMatchObject({ sort: 'created', limit: 5 });
  });

  it("replaces a page URL's query keys and keeps the page's own", () => {
    const current = new URLSearchParams(
      'tab=tasks&label=a&label=b&cursor=next',
    );
    expect(
      replaceTaskQuery(current, { label: ['c'], goodFirst: true }).toString(),
    ).toBe('tab=tasks&label=c&goodFirst=true');
    expect(current.toString()).toBe('tab=tasks&label=a&label=b&cursor=next');
  });

  it('lists its keys by kind for a reader of req.query', () => {
    expect(TASK_QUERY_KEYS.list).toEqual([
      'label',
      'project',
      'owner',
      'system',
      'skill',
      'language',
      'tier',
    ]);
    expect(TASK_QUERY_KEYS.boolean).toEqual(['goodFirst', 'forMe', 'facets']);
    expect(TASK_QUERY_KEYS.scalar).toEqual([
      'q',
      'updatedWithinDays',
      'sort',
      'limit',
      'cursor',
    ]);
  });
});

describe('project list query strings', () => {
  const cases: Array<[string, ProjectListRequest, string, ProjectListRequest]> =
    [
      ['nothing set', {}, '', {}],
      [
        'filters, paging and the asking flag',
        {
          owner: ['group:default/a'],
          tier: ['Thriving', 'Growing'],
          kind: ['component'],
          tag: ['java'],
          skill: ['go'],
          asking: true,
          q: 'docs',
          limit: 5,
          cursor: 'abc',
        },
        'owner=group%3Adefault%2Fa&tier=Thriving&tier=Growing&kind=component&tag=java&skill=go&asking=true&q=docs&limit=5&cursor=abc',
        {
          owner: ['group:default/a'],
          tier: ['Thriving', 'Growing'],
          kind: ['component'],
          tag: ['java'],
          skill: ['go'],
          asking: true,
          q: 'docs',
          limit: 5,
          cursor: 'abc',
        },
      ],
      [
        'asking at its default and empty lists are left out',
        { asking: false, tier: [], q: '' },
        '',
        {},
      ],
      [
        'unicode',
        { skill: ['日本語'], q: 'café' },
        'skill=%E6%97%A5%E6%9C%AC%E8%AA%9E&q=caf%C3%A9',
        { skill: ['日本語'], q: 'café' },
      ],
    ];

  it.each(cases)('%s', (_case, request, search, readBack) => {
    expect(projectListRequestToSearchParams(request).toString()).toBe(search);
    expect(parseProjectListRequest(new URLSearchParams(search))).toEqual(
      readBack,
    );
  });

  it('rejects a bad value naming it, or leaves it out when lenient', () => {
    expect(() =>
      parseProjectListRequest(new URLSearchParams('asking=maybe')),
    ).toThrow('asking must be true or false, got "maybe"');
    expect(
      parseProjectListRequest(
        new URLSearchParams('asking=maybe&cursor=c'),
        'lenient',
      ),
    ).toEqual({ cursor: 'c' });
  });

  it("replaces a page URL's project keys and keeps the page's own", () => {
    expect(
      replaceProjectListRequest(new URLSearchParams('view=table&cursor=a'), {
        cursor: 'b',
      }).toString(),
    ).toBe('view=table&cursor=b');
    expect(PROJECT_LIST_KEYS.list).toEqual([
      'owner',
      'tier',
      'kind',
      'tag',
      'skill',
      'language',
    ]);
  });

  it('reads the directory keys: language, a sort it knows, facet counts', () => {
    expect(
      parseProjectListRequest(
        new URLSearchParams('language=Go,Rust&sort=name&facets=true'),
      ),
    ).toEqual({ language: ['Go', 'Rust'], sort: 'name', facets: true });
    expect(() =>
      parseProjectListRequest(new URLSearchParams('sort=stars')),
    ).toThrow('sort must be one of score, activity, name, recent, got "stars"');
    expect(
      parseProjectListRequest(new URLSearchParams('sort=stars&q=x'), 'lenient'),
    ).toEqual({ q: 'x' });
  });
});
