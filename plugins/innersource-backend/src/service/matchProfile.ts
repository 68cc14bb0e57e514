import type {
  BackstageCredentials,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { Entity, RELATION_MEMBER_OF } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  INNERSOURCE_ANNOTATIONS,
  parseListAnnotation,
  TaskMatchProfile,
} from '@innersource-for-backstage/plugin-innersource-common';

const lower = (text: string) => text.toLocaleLowerCase('en-US');

// A field-selected catalog answer may lack metadata altogether.
function skillsOf(entity: Partial<Entity> | undefined | null): string[] {
  return parseListAnnotation(
    entity?.metadata?.annotations?.[INNERSOURCE_ANNOTATIONS.skills],
  );
}

/** Skills in first-seen order, each once whatever its case. */
function distinctSkills(skills: string[]): string[] {
  const seen = new Set<string>();
  return skills.filter(skill => {
    const key = lower(skill);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * What "for me" ranks by: the signed-in user's skills (their own, else their
 * teams'), and the owners it hides (the user and the groups they belong to).
 */
export async function loadMatchProfile(
  services: { userInfo: UserInfoService; catalog: CatalogService },
  credentials: BackstageCredentials,
): Promise<TaskMatchProfile> {
  const { userEntityRef, ownershipEntityRefs } =
    await services.userInfo.getUserInfo(credentials);
  const hiddenOwners = [
    ...new Set([userEntityRef, ...ownershipEntityRefs].map(lower)),
  ];
  const user = await services.catalog.getEntityByRef(userEntityRef, {
    credentials,
  });
  const own = skillsOf(user);
  if (own.length) return { skills: own, skillsFrom: 'user', hiddenOwners };

  const teamRefs = ownershipEntityRefs.filter(r =>
    lower(r).startsWith('group:'),
  );
  const { items: teams } = teamRefs.length
    ? await services.catalog.getEntitiesByRefs(
        { entityRefs: teamRefs, fields: ['metadata.annotations'] },
        { credentials },
      )
    : { items: [] };
  const teamSkills = distinctSkills(teams.flatMap(team => skillsOf(team)));
  return {
    skills: teamSkills,
    skillsFrom: teamSkills.length ? 'teams' : 'none',
    hiddenOwners,
  };
}

/**
 * The same profile for a user who is not calling, read from the catalog with
 * the plugin's own credentials (the digest): their skills, else their teams',
 * and the owners to leave out (the user and the groups they are a member of).
 */
export async function loadMatchProfileOf(
  catalog: CatalogService,
  credentials: BackstageCredentials,
  userRef: string,
): Promise<TaskMatchProfile | undefined> {
  const user = await catalog.getEntityByRef(userRef, { credentials });
  if (!user) return undefined;
  const teamRefs = (user.relations ?? [])
    .filter(r => r.type === RELATION_MEMBER_OF)
    .map(r => r.targetRef);
  const hiddenOwners = [...new Set([userRef, ...teamRefs].map(lower))];
  const own = skillsOf(user);
  if (own.length) return { skills: own, skillsFrom: 'user', hiddenOwners };
  const { items: teams } = teamRefs.length
    ? await catalog.getEntitiesByRefs(
        { entityRefs: teamRefs, fields: ['metadata.annotations'] },
        { credentials },
      )
    : { items: [] };
  const teamSkills = distinctSkills(teams.flatMap(team => skillsOf(team)));
  return {
    skills: teamSkills,
    skillsFrom: teamSkills.length ? 'teams' : 'none',
    hiddenOwners,
  };
}
