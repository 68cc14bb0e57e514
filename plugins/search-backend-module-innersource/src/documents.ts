import { parseEntityRef } from '@backstage/catalog-model';
import {
  INNERSOURCE_PROJECT_DOCUMENT_TYPE,
  INNERSOURCE_TASK_DOCUMENT_TYPE,
  InnerSourceProjectDocument,
  InnerSourceTaskDocument,
  ProjectListItem,
  TaskListItem,
} from '@innersource-for-backstage/plugin-innersource-common';

export { INNERSOURCE_PROJECT_DOCUMENT_TYPE, INNERSOURCE_TASK_DOCUMENT_TYPE };

/**
 * The entity's InnerSource tab. Not the entity page itself: search engines
 * such as Lunr key documents by location, and the catalog's document has that.
 */
export function projectLocation(entityRef: string): string {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  return `/catalog/${encodeURIComponent(namespace)}/${encodeURIComponent(
    kind.toLocaleLowerCase('en-US'),
  )}/${encodeURIComponent(name)}/innersource`;
}

/** Text as a sentence: trimmed, with a full stop unless it has its own. */
const sentence = (text: string | undefined) => {
  const trimmed = (text ?? '').trim();
  return !trimmed || /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
};

const displayName = (entityRef: string, title?: string) =>
  title ?? parseEntityRef(entityRef).name;

/** @public */
export function taskDocument(task: TaskListItem): InnerSourceTaskDocument {
  const project = displayName(task.project.entityRef, task.project.title);
  const sentences = [
    `Help wanted on ${project}${
      task.project.owner
        ? `, owned by ${parseEntityRef(task.project.owner).name}`
        : ''
    }.`,
    task.labels.length ? `Labels: ${task.labels.join(', ')}.` : '',
    task.project.skills.length
      ? `Skills: ${task.project.skills.join(', ')}.`
      : '',
    task.project.language ? `Language: ${task.project.language}.` : '',
  ];
  return {
    title: task.title,
    text: sentences.filter(Boolean).join(' '),
    location: task.url,
    entityRef: task.project.entityRef,
    projectTitle: project,
    ...(task.project.owner ? { owner: task.project.owner } : {}),
    labels: task.labels,
    goodFirst: task.goodFirst,
    ...(task.project.tier ? { tier: task.project.tier.name } : {}),
    updatedAt: task.updatedAt,
    authorization: { resourceRef: task.project.entityRef },
  };
}

/** @public */
export function projectDocument(
  project: ProjectListItem,
): InnerSourceProjectDocument {
  const sentences = [
    sentence(project.description),
    sentence(project.motivation),
    project.contributions.length
      ? `Asks for help with: ${project.contributions.join(', ')}.`
      : '',
    project.skills.length ? `Skills: ${project.skills.join(', ')}.` : '',
  ];
  return {
    title: displayName(project.entityRef, project.title),
    text: sentences.filter(Boolean).join(' '),
    location: projectLocation(project.entityRef),
    entityRef: project.entityRef,
    ...(project.owner ? { owner: project.owner } : {}),
    ...(project.tier ? { tier: project.tier.name } : {}),
    score: project.score,
    skills: project.skills,
    contributions: project.contributions,
    authorization: { resourceRef: project.entityRef },
  };
}
