/** The Worker entry: the hono app, the Durable Object class of tenant clusters, and the benchmarks' floor object. */
import { app } from './http/app';

export { ClusterObject } from './cluster/cluster-object';
export { FloorObject } from './bench/floor-object';
export default app;
