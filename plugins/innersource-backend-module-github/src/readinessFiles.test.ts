import { readinessFolders } from '@innersource-for-backstage/plugin-innersource-common';
import { repositoriesQuery } from './queries';

describe('readiness files on GitHub', () => {
  it('reads the tree of every folder the readiness catalogue names for GitHub', () => {
    const query = repositoriesQuery(1, 1);
    const folders = readinessFolders('github');
    expect(folders).toEqual(['', '.github/', 'docs/']);
    for (const folder of folders) {
      expect(query).toContain(
        `object(expression: "HEAD:${folder.replace(/\/$/, '')}")`,
      );
    }
  });
});
