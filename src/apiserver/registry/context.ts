import type { ObjectStore, Change, WriteOp } from '../../cluster/storage';
import type { WatchHub } from '../../cluster/watch-hub';
import type { ResourceDef } from '../../resources/catalog';
import type { RequestInfo } from '../request-info';

/** Who is asking (from the token, after impersonation). */
export interface UserInfo {
  username: string;
  uid?: string;
  groups: string[];
  extra?: Record<string, string[]>;
}

/** What the registry needs of its cluster: storage, watch fan-out, a clock, and commit. */
export interface ClusterContext {
  store: ObjectStore;
  hub: WatchHub;
  /** The cluster's clock (one per cluster, so tests and the fast profile need no sleeps). */
  now(): Date;
  /** Commit writes in one transaction, publish them to watches and wake the controllers. */
  commit(ops: WriteOp[]): Change[];
  /** Ask the cluster to run its background work (namespace finalization…) soon. */
  kick(): void;
}

/** One API request, decoded as far as routing goes. */
export interface ApiRequest {
  info: RequestInfo;
  def: ResourceDef;
  query: URLSearchParams;
  headers: Headers;
  body: Uint8Array;
  user: UserInfo;
  /** Base URL of this cluster (`https://host/clusters/t`), for selfLinks and cluster-info. */
  base: string;
  /** Where admission puts warnings for the response (sent even when the request is refused). */
  warnings?: string[];
  /** Audit annotations admission adds to the request's audit record. */
  auditAnnotations?: Record<string, string>;
}

/** An answer of the registry: an object (or Table, List, Status) with its HTTP code. */
export interface ApiResult {
  code: number;
  body?: unknown;
  /** Pre-serialized JSON, when the registry already has the text (lists). */
  text?: string;
  stream?: ReadableStream<Uint8Array>;
  contentType?: string;
  warnings?: string[];
}
