import { buildSchema, GraphQLSchema } from 'graphql';

/**
 * The part of GitLab's GraphQL schema (GitLab 16.6 and later) that the
 * provider reads, with GitLab's type, field, argument and enum names as its
 * GraphQL reference documents them (`doc/api/graphql/reference`). GitLab
 * publishes no schema package, so this excerpt stands in for it: a query
 * that asks for a field or argument missing here fails validation in the
 * tests, as it would on GitLab.
 */
export const GITLAB_SCHEMA_SDL = /* GraphQL */ `
  scalar Time

  type Query {
    project(fullPath: ID!): Project
    projects(
      fullPaths: [String!]
      ids: [ID!]
      membership: Boolean
      search: String
      first: Int
      after: String
      last: Int
      before: String
    ): ProjectConnection
    queryComplexity: QueryComplexity
  }

  type QueryComplexity {
    limit: Int
    score: Int
  }

  type PageInfo {
    endCursor: String
    hasNextPage: Boolean!
    hasPreviousPage: Boolean!
    startCursor: String
  }

  type ProjectConnection {
    count: Int!
    nodes: [Project]
    pageInfo: PageInfo!
  }

  type Project {
    id: ID!
    fullPath: ID!
    path: String!
    name: String!
    description: String
    visibility: String
    webUrl: String
    archived: Boolean
    createdAt: Time
    updatedAt: Time
    lastActivityAt: Time
    starCount: Int!
    forksCount: Int!
    openIssuesCount: Int
    openMergeRequestsCount: Int
    topics: [String!]
    languages: [RepositoryLanguage!]
    repository: Repository
    mergeRequests(
      createdAfter: Time
      createdBefore: Time
      updatedAfter: Time
      labels: [String]
      sort: MergeRequestSort = created_desc
      state: MergeRequestState
      first: Int
      after: String
      last: Int
      before: String
    ): MergeRequestConnection
    issues(
      labelName: [String]
      state: IssuableState
      sort: IssueSort = created_desc
      createdAfter: Time
      createdBefore: Time
      updatedAfter: Time
      first: Int
      after: String
      last: Int
      before: String
    ): IssueConnection
  }

  type RepositoryLanguage {
    name: String!
    share: Float
  }

  type Repository {
    rootRef: String
    empty: Boolean!
    exists: Boolean!
    tree(path: String = "", ref: String, recursive: Boolean = false): Tree
    blobs(
      paths: [String!]!
      ref: String
      first: Int
      after: String
    ): RepositoryBlobConnection
  }

  type Tree {
    lastCommit: Commit
    blobs(first: Int, after: String): BlobConnection!
    trees(first: Int, after: String): TreeEntryConnection!
  }

  type Commit {
    id: ID!
    sha: String!
    authoredDate: Time
    title: String
  }

  enum EntryType {
    tree
    blob
    commit
  }

  type Blob {
    id: ID!
    name: String!
    path: String!
    type: EntryType!
  }

  type BlobConnection {
    nodes: [Blob]
    pageInfo: PageInfo!
  }

  type TreeEntry {
    id: ID!
    name: String!
    path: String!
    type: EntryType!
  }

  type TreeEntryConnection {
    nodes: [TreeEntry]
    pageInfo: PageInfo!
  }

  type RepositoryBlob {
    id: ID!
    name: String
    path: String!
    rawTextBlob: String
  }

  type RepositoryBlobConnection {
    nodes: [RepositoryBlob]
    pageInfo: PageInfo!
  }

  enum MergeRequestSort {
    created_desc
    created_asc
    updated_desc
    updated_asc
    CREATED_DESC
    CREATED_ASC
    UPDATED_DESC
    UPDATED_ASC
    MERGED_AT_DESC
    MERGED_AT_ASC
  }

  enum MergeRequestState {
    merged
    opened
    closed
    locked
    all
  }

  enum IssuableState {
    opened
    closed
    locked
    all
  }

  enum IssueState {
    opened
    closed
    locked
    all
  }

  enum IssueSort {
    created_desc
    created_asc
    updated_desc
    updated_asc
    CREATED_DESC
    CREATED_ASC
    UPDATED_DESC
    UPDATED_ASC
  }

  enum NotesFilterType {
    ALL_NOTES
    ONLY_COMMENTS
    ONLY_ACTIVITY
  }

  interface User {
    id: ID!
    username: String!
    name: String!
    bot: Boolean!
  }

  type UserCore implements User {
    id: ID!
    username: String!
    name: String!
    bot: Boolean!
  }

  type MergeRequestAuthor implements User {
    id: ID!
    username: String!
    name: String!
    bot: Boolean!
  }

  type UserCoreConnection {
    nodes: [UserCore]
    pageInfo: PageInfo!
  }

  type MergeRequestConnection {
    count: Int
    nodes: [MergeRequest]
    pageInfo: PageInfo!
  }

  type MergeRequest {
    id: ID!
    iid: String!
    title: String!
    state: MergeRequestState!
    createdAt: Time!
    updatedAt: Time!
    mergedAt: Time
    closedAt: Time
    webUrl: String
    author: MergeRequestAuthor
    notes(
      filter: NotesFilterType
      first: Int
      after: String
      last: Int
      before: String
    ): NoteConnection!
  }

  type NoteConnection {
    count: Int!
    nodes: [Note]
    pageInfo: PageInfo!
  }

  type Note {
    id: ID!
    body: String!
    system: Boolean!
    internal: Boolean
    createdAt: Time!
    author: UserCore
  }

  type IssueConnection {
    count: Int!
    nodes: [Issue]
    pageInfo: PageInfo!
  }

  type Issue {
    id: ID!
    iid: String!
    title: String!
    state: IssueState!
    webUrl: String!
    createdAt: Time!
    updatedAt: Time!
    userNotesCount: Int!
    labels(first: Int, after: String): LabelConnection
    assignees(first: Int, after: String): UserCoreConnection
  }

  type Label {
    id: ID!
    title: String!
  }

  type LabelConnection {
    count: Int!
    nodes: [Label]
    pageInfo: PageInfo!
  }
`;

let schema: GraphQLSchema | undefined;

export function gitlabSchema(): GraphQLSchema {
  schema ??= buildSchema(GITLAB_SCHEMA_SDL);
  return schema;
}
