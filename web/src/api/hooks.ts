/** Preact hooks over the client: live collections. */
import { useEffect, useState } from 'preact/hooks';
import type { KubeClient, Query, ResourceRef } from './client';
import { informerFor, type InformerState } from './informer';
import type { KubeObject } from './types';

const EMPTY: InformerState<any> = { items: [], synced: false };

/**
 * A live collection, re-rendering on every change; `ref` undefined = nothing to watch (yet).
 * All namespaces when `ref.namespace` is unset.
 */
export function useInformer<T extends KubeObject = KubeObject>(client: KubeClient, ref: ResourceRef | undefined, query?: Query): InformerState<T> {
  const inf = ref ? informerFor<T>(client, ref, query) : undefined;
  const [, bump] = useState(0);
  useEffect(() => inf?.subscribe(() => bump((n) => n + 1)), [inf]);
  return inf ? inf.state : EMPTY;
}
