/**
 * The InnerSource for Backstage backend plugin: collects facts about the
 * catalog's InnerSource projects from their repositories, stores snapshots,
 * scores them and serves the REST API at `/api/innersource`.
 *
 * @packageDocumentation
 */

export { innersourcePlugin as default } from './plugin';
