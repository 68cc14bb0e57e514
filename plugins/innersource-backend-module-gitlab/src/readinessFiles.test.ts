import { readinessFolders } from '@innersource-for-backstage/plugin-innersource-common';
import { projectsQuery } from './queries';

describe('readiness files on GitLab', () => {
  it('reads the tree of every folder the readiness catalogue names for GitLab', () => {
    const query = projectsQuery(1);
    const folders = readinessFolders('gitlab');
    expect(folders).toEqual(['', 'docs/', '.gitlab/']);
    for (const folder of folders) {
      expect(query).toContain(
        folder ? `tree(path: "${folder.replace(/\/$/, '')}")` : 'root: tree {',
      );
    }
  });
});
