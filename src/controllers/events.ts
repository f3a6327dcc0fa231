import type { WriteOp } from '../cluster/storage';
import type { ClusterContext } from '../apiserver/registry/context';
import type { KubeObject } from '../apiserver/types';
import { timestamp } from '../apiserver/registry/meta';

/** An event a controller or kubelet reports about an object (core/v1 Event fields). */
export interface EventSpec {
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
  /** `default-scheduler`, `kubelet`, `deployment-controller`… */
  component: string;
  /** The node, for kubelet events. */
  host?: string;
  /** `spec.containers{nginx}`. */
  fieldPath?: string;
  /** When it happened, if before the clock's now (a kubelet step reports a pull that ended earlier). */
  at?: Date;
  /**
   * Its index in the ops of its commit: the name's sub-millisecond part is then the event's own
   * resourceVersion, so that names follow the order events were written in, also within one
   * millisecond (`describe` lists the events of one second in name order).
   */
  seq?: number;
}

/**
 * `<object>.<hex nanoseconds>`, as client-go's recorder names events (`%v.%x` of UnixNano), so
 * that name order is time order. The nanoseconds within the millisecond are the resourceVersion
 * the event will be written with (from `seq`), or random without `seq`.
 */
function eventName(ctx: ClusterContext, obj: KubeObject, at: Date, seq: number | undefined): string {
  const within = seq === undefined ? Math.floor(Math.random() * 1e6) : (ctx.store.currentRV() + 1 + seq) % 1e6;
  return `${obj.metadata.name}.${(BigInt(at.getTime()) * 1_000_000n + BigInt(within)).toString(16)}`;
}

/**
 * The write that records an event about `obj`, as client-go's recorder does: a repeat of the
 * same reason and message on the same object bumps `count` and `lastTimestamp` of the existing
 * event instead of adding another (the event correlator's aggregation).
 */
export function recordEvent(ctx: ClusterContext, obj: KubeObject, e: EventSpec): WriteOp {
  const ns = obj.metadata.namespace || 'default';
  const at = e.at && e.at.getTime() < ctx.now().getTime() ? e.at : ctx.now();
  const now = timestamp(at);
  // The object's own events only (the store indexes events by their involved object's uid).
  const mine = obj.metadata.uid ? ctx.store.byIndex('events', 'involvedObject', obj.metadata.uid) : ctx.store.list('events', ns);
  for (const { obj: ev } of mine) {
    if (
      ev.metadata.namespace === ns &&
      ev.involvedObject?.uid === obj.metadata.uid &&
      ev.reason === e.reason &&
      ev.message === e.message &&
      (ev.involvedObject?.fieldPath ?? '') === (e.fieldPath ?? '') &&
      ev.source?.component === e.component
    ) {
      const copy = structuredClone(ev);
      copy.count = (copy.count ?? 1) + 1;
      if (!copy.lastTimestamp || Date.parse(copy.lastTimestamp) <= at.getTime()) copy.lastTimestamp = now;
      return { op: 'put', resource: 'events', object: copy };
    }
  }
  const [group, version] = (obj.apiVersion ?? 'v1').includes('/') ? (obj.apiVersion as string).split('/') : ['', obj.apiVersion ?? 'v1'];
  const event: KubeObject = {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: {
      name: eventName(ctx, obj, at, e.seq),
      namespace: ns,
      uid: crypto.randomUUID(),
      creationTimestamp: now,
    },
    involvedObject: {
      kind: obj.kind,
      namespace: obj.metadata.namespace,
      name: obj.metadata.name,
      uid: obj.metadata.uid,
      apiVersion: group ? `${group}/${version}` : version,
      resourceVersion: obj.metadata.resourceVersion,
      ...(e.fieldPath ? { fieldPath: e.fieldPath } : {}),
    },
    reason: e.reason,
    message: e.message,
    source: { component: e.component, ...(e.host ? { host: e.host } : {}) },
    firstTimestamp: now,
    lastTimestamp: now,
    count: 1,
    type: e.type,
    eventTime: null,
    reportingComponent: e.component === 'kubelet' ? 'kubelet' : e.component,
    reportingInstance: e.host ?? '',
  };
  return { op: 'put', resource: 'events', object: event };
}
