import fs from 'node:fs';
import path from 'node:path';
import { buildSchema, GraphQLSchema } from 'graphql';

let schema: GraphQLSchema | undefined;

/**
 * GitHub's published GraphQL schema, from `@octokit/graphql-schema`, for
 * tests and fakes that validate the queries sent to GitHub. The package only
 * exports an ES module, so its schema file is read directly; it and `graphql`
 * are optional peer dependencies of this entry point.
 *
 * @public
 */
export function githubSchema(): GraphQLSchema {
  if (schema) return schema;
  for (const dir of module.paths) {
    const file = path.join(dir, '@octokit', 'graphql-schema', 'schema.graphql');
    if (fs.existsSync(file)) {
      // The published SDL repeats a few fields; GitHub's own server accepts it.
      schema = buildSchema(fs.readFileSync(file, 'utf8'), {
        assumeValidSDL: true,
      });
      return schema;
    }
  }
  throw new Error(
    'Could not find @octokit/graphql-schema/schema.graphql; run the set-up',
  );
}
