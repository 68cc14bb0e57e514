import path from 'node:path';
import type { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import {
  readConfiguredCatalogLocations,
  resolveRepositoryLocation,
} from './location';

function entity(annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'x', annotations },
    spec: {},
  };
}

describe('resolveRepositoryLocation', () => {
  it.each([
    [
      'a GitHub slug',
      { 'github.com/project-slug': 'acme/payments' },
      {
        location: { type: 'github', host: 'github.com', slug: 'acme/payments' },
      },
    ],
    [
      'a GitHub slug on Enterprise, the host from the source location',
      {
        'github.com/project-slug': 'acme/payments',
        'backstage.io/source-location':
          'url:https://ghe.acme.example/acme/payments/tree/main/',
      },
      {
        location: {
          type: 'github',
          host: 'ghe.acme.example',
          slug: 'acme/payments',
        },
      },
    ],
    [
      'a GitLab slug with subgroups',
      { 'gitlab.com/project-slug': 'acme/platform/portal' },
      {
        location: {
          type: 'gitlab',
          host: 'gitlab.com',
          slug: 'acme/platform/portal',
        },
      },
    ],
    [
      'a GitHub slug wins over a GitLab slug',
      { 'github.com/project-slug': 'a/b', 'gitlab.com/project-slug': 'c/d' },
      { location: { type: 'github', host: 'github.com', slug: 'a/b' } },
    ],
    [
      'a source location URL',
      {
        'backstage.io/source-location':
          'url:https://git.acme.example/team/repo.git',
      },
      {
        location: {
          type: 'url',
          host: 'git.acme.example',
          url: 'https://git.acme.example/team/repo.git',
        },
      },
    ],
    [
      'a dir: location relative to the catalog file',
      {
        'backstage.io/source-location': 'dir:../plugins/frontend',
        'backstage.io/managed-by-location':
          'file:/srv/portal/examples/entities.yaml',
      },
      { location: { type: 'path', path: '/srv/portal/plugins/frontend' } },
    ],
    [
      'an absolute dir: location',
      { 'backstage.io/source-location': 'dir:/srv/repos/payments/' },
      { location: { type: 'path', path: '/srv/repos/payments/' } },
    ],
    [
      'a dir: location relative to a URL location',
      {
        'backstage.io/source-location': 'dir:./',
        'backstage.io/managed-by-location':
          'url:https://github.com/acme/x/blob/main/catalog-info.yaml',
      },
      {
        location: {
          type: 'url',
          host: 'github.com',
          url: 'https://github.com/acme/x/blob/main/',
        },
      },
    ],
    ['no repository annotations', {}, {}],
  ])('%s', (_name, annotations, expected) => {
    expect(resolveRepositoryLocation(entity(annotations))).toEqual(expected);
  });

  it.each([
    [
      { 'github.com/project-slug': 'acme' },
      'github.com/project-slug "acme" is not of the form owner/repository',
    ],
    [
      { 'github.com/project-slug': 'acme/x --upload-pack=evil' },
      'github.com/project-slug "acme/x --upload-pack=evil" is not of the form owner/repository',
    ],
    [
      { 'gitlab.com/project-slug': 'solo' },
      'gitlab.com/project-slug "solo" is not of the form group/project',
    ],
    [
      { 'backstage.io/source-location': 'https://x' },
      'backstage.io/source-location "https://x" has type "https"; expected url or dir',
    ],
    [
      { 'backstage.io/source-location': 'url:file:///etc/passwd' },
      'backstage.io/source-location "url:file:///etc/passwd" is not an http(s) URL',
    ],
    [
      { 'backstage.io/source-location': 'dir:./x' },
      'backstage.io/source-location "dir:./x" is relative, but the entity was not read from a file or URL it could be relative to',
    ],
  ])('names the malformed annotation in %p', (annotations, error) => {
    expect(resolveRepositoryLocation(entity(annotations))).toEqual({ error });
  });
});

describe('readConfiguredCatalogLocations', () => {
  it('writes catalog.locations as the catalog writes managed-by-location: file targets resolved, others as they are', () => {
    expect(
      readConfiguredCatalogLocations(
        new ConfigReader({
          catalog: {
            locations: [
              { type: 'file', target: '../../examples/entities.yaml' },
              { type: 'file', target: '/srv/catalog/all.yaml' },
              {
                type: 'url',
                target: 'https://github.com/acme/catalog/blob/main/all.yaml',
              },
            ],
          },
        }),
      ),
    ).toEqual([
      `file:${path.resolve('../../examples/entities.yaml')}`,
      'file:/srv/catalog/all.yaml',
      'url:https://github.com/acme/catalog/blob/main/all.yaml',
    ]);
    expect(readConfiguredCatalogLocations(new ConfigReader({}))).toEqual([]);
  });
});
