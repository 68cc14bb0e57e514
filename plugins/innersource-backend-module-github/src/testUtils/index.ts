/**
 * Test utilities for code that talks to GitHub's GraphQL API: not part of the
 * module's runtime entry point.
 *
 * @packageDocumentation
 */

export { githubSchema } from './githubSchema';
