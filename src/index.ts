/** The Worker entry: the hono app, and the Durable Object class of tenant clusters. */
import { app } from './http/app';

export { ClusterObject } from './cluster/cluster-object';
export default app;
