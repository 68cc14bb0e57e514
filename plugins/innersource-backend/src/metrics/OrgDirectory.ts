import {
  Entity,
  RELATION_CHILD_OF,
  RELATION_MEMBER_OF,
  RELATION_PARENT_OF,
} from '@backstage/catalog-model';
import {
  entityRefOf,
  INNERSOURCE_ANNOTATIONS,
  lowerRef,
  normalizeRef,
  parseListAnnotation,
  type ContributorIdentity,
} from '@innersource-for-backstage/plugin-innersource-common';

const GITHUB_LOGIN = 'github.com/user-login';
const GITLAB_LOGIN = 'gitlab.com/user-login';
// GitHub's private commit emails carry the login: 12345+login@users.noreply.github.com
const GITHUB_NOREPLY = /^(?:\d+\+)?([^@]+)@users\.noreply\.github\.com$/i;

function lower(value: string | undefined): string | undefined {
  return value?.trim().toLocaleLowerCase('en-US') || undefined;
}

function relationTargets(entity: Entity, type: string): string[] {
  return (entity.relations ?? [])
    .filter(r => r.type === type)
    .map(r => lowerRef(r.targetRef));
}

/**
 * Who is who in the catalog's org: matches commit and pull-request authors to
 * Users, and tells whether a User belongs to a Group directly or through its
 * child groups.
 */
export class OrgDirectory {
  private readonly byEmail = new Map<string, string>();
  /** Addresses `innersource/emails` lists; a profile's own address beats them. */
  private readonly byMoreEmail = new Map<string, string>();
  private readonly byGithubLogin = new Map<string, string>();
  private readonly byGitlabLogin = new Map<string, string>();
  private readonly displayNames = new Map<string, string>();
  private readonly directGroups = new Map<string, string[]>();
  private readonly childGroups = new Map<string, string[]>();
  private readonly descendantsCache = new Map<string, Set<string>>();
  /** Owner refs as entities write them, normalized: asked once per contributor of every project. */
  private readonly ownerRefs = new Map<string, string>();

  static fromEntities(entities: Entity[]): OrgDirectory {
    const directory = new OrgDirectory();
    for (const entity of entities) {
      const kind = entity.kind.toLocaleLowerCase('en-US');
      if (kind === 'user') directory.addUser(entity);
      if (kind === 'group') directory.addGroup(entity);
    }
    return directory;
  }

  private addUser(user: Entity) {
    const ref = entityRefOf(user);
    const profile = (user.spec?.profile ?? {}) as {
      email?: string;
      displayName?: string;
    };
    // every address a User commits from is one person: the profile's, then the annotation's
    const email = lower(profile.email);
    if (email) this.byEmail.set(email, ref);
    for (const more of parseListAnnotation(
      user.metadata.annotations?.[INNERSOURCE_ANNOTATIONS.emails],
    )) {
      // the first User to list an address keeps it: never two people behind one
      if (!this.byMoreEmail.has(more)) this.byMoreEmail.set(more, ref);
    }
    const github = lower(user.metadata.annotations?.[GITHUB_LOGIN]);
    if (github) this.byGithubLogin.set(github, ref);
    const gitlab = lower(user.metadata.annotations?.[GITLAB_LOGIN]);
    if (gitlab) this.byGitlabLogin.set(gitlab, ref);
    this.displayNames.set(
      ref,
      profile.displayName ?? user.metadata.title ?? user.metadata.name,
    );
    const memberOf = [
      ...relationTargets(user, RELATION_MEMBER_OF),
      ...((user.spec?.memberOf as string[] | undefined) ?? []).map(g =>
        normalizeRef(g, 'group', user.metadata.namespace),
      ),
    ];
    this.directGroups.set(ref, [...new Set(memberOf)]);
  }

  private addGroup(group: Entity) {
    const ref = entityRefOf(group);
    for (const parent of relationTargets(group, RELATION_CHILD_OF)) {
      this.addChild(parent, ref);
    }
    const children = [
      ...relationTargets(group, RELATION_PARENT_OF),
      ...((group.spec?.children as string[] | undefined) ?? []).map(c =>
        normalizeRef(c, 'group', group.metadata.namespace),
      ),
    ];
    for (const child of children) this.addChild(ref, child);
    const parentRef = group.spec?.parent as string | undefined;
    if (parentRef) {
      this.addChild(
        normalizeRef(parentRef, 'group', group.metadata.namespace),
        ref,
      );
    }
  }

  private addChild(parent: string, child: string) {
    const children = this.childGroups.get(parent) ?? [];
    if (!children.includes(child))
      this.childGroups.set(parent, [...children, child]);
  }

  /**
   * The catalog User behind an identity, or undefined: never a guess. Where
   * the forge names the account, only the account counts, so a commit
   * authored as someone else's e-mail is not credited to them.
   */
  resolve(identity: ContributorIdentity, provider: string): string | undefined {
    const login = lower(identity.login);
    if (login) {
      // The forge vouches for the account; a commit's e-mail is whatever its author typed.
      return provider === 'gitlab'
        ? this.byGitlabLogin.get(login)
        : this.byGithubLogin.get(login);
    }
    const email = lower(identity.email);
    if (email) {
      const byEmail = this.byEmail.get(email) ?? this.byMoreEmail.get(email);
      if (byEmail) return byEmail;
      const noreply = GITHUB_NOREPLY.exec(email);
      if (noreply)
        return this.byGithubLogin.get(noreply[1].toLocaleLowerCase('en-US'));
    }
    return undefined;
  }

  displayName(userRef: string): string | undefined {
    return this.displayNames.get(userRef);
  }

  /** The groups a user belongs to directly. */
  groupsOf(userRef: string): string[] {
    return this.directGroups.get(userRef) ?? [];
  }

  private descendants(groupRef: string): Set<string> {
    const cached = this.descendantsCache.get(groupRef);
    if (cached) return cached;
    const seen = new Set<string>([groupRef]);
    const queue = [groupRef];
    while (queue.length) {
      for (const child of this.childGroups.get(queue.shift()!) ?? []) {
        if (!seen.has(child)) {
          seen.add(child);
          queue.push(child);
        }
      }
    }
    this.descendantsCache.set(groupRef, seen);
    return seen;
  }

  /**
   * Whether a User is on the owning side: the owner itself when it is a User,
   * or a member of the owner Group or any of its child groups.
   */
  isInside(userRef: string, ownerRef: string | undefined): boolean {
    if (!ownerRef) return false;
    let owner = this.ownerRefs.get(ownerRef);
    if (owner === undefined) {
      owner = normalizeRef(ownerRef, 'group');
      this.ownerRefs.set(ownerRef, owner);
    }
    if (owner === userRef) return true;
    const team = this.descendants(owner);
    return this.groupsOf(userRef).some(g => team.has(g));
  }
}
