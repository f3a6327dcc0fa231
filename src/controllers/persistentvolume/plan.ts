/**
 * What one sync of the PV controller reads (a StorageView over the cluster) and what it intends
 * (a Plan: object writes and events), so the sync functions stay pure and testable. A Plan keeps
 * the latest intended version of each object, and later steps of the same sync read it back.
 */
import type { KubeObject } from '../../apiserver/types';
import type { WriteOp } from '../../cluster/storage';

/** The cluster state a sync reads. */
export interface StorageView {
  claim(namespace: string, name: string): KubeObject | undefined;
  volume(name: string): KubeObject | undefined;
  volumes(): KubeObject[];
  storageClass(name: string): KubeObject | undefined;
  storageClasses(): KubeObject[];
  /** Pods of one namespace. */
  pods(namespace: string): KubeObject[];
  nodes(): KubeObject[];
  now: Date;
  /** A fresh uid (crypto.randomUUID in the cluster, deterministic in tests). */
  uid(): string;
  random(): number;
}

/** An event to record about an object. */
export interface PlannedEvent {
  on: KubeObject;
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
  component: string;
}

const keyOf = (resource: string, o: KubeObject) => `${resource}|${o.metadata.namespace ?? ''}|${o.metadata.name}`;

/** The writes and events one sync intends, in order. */
export class Plan {
  private readonly writes = new Map<string, WriteOp>();
  readonly events: PlannedEvent[] = [];
  /** Objects to create through the registry (validation, admission), e.g. provisioned volumes. */
  readonly creates: { resource: string; object: KubeObject }[] = [];

  /** Store `object` (replacing any earlier intended version of it). */
  put(resource: string, object: KubeObject): KubeObject {
    this.writes.set(keyOf(resource, object), { op: 'put', resource, object });
    return object;
  }

  /** Remove `object`. */
  delete(resource: string, object: KubeObject): void {
    this.writes.set(keyOf(resource, object), { op: 'delete', resource, object });
  }

  /** Record an event. */
  event(on: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string, component: string): void {
    this.events.push({ on, type, reason, message, component });
  }

  /** The intended version of an object, if this plan writes it. */
  pending(resource: string, o: KubeObject): KubeObject | undefined {
    const w = this.writes.get(keyOf(resource, o));
    return w?.op === 'put' ? w.object : undefined;
  }

  /** Whether this plan removes the object. */
  deleted(resource: string, o: KubeObject): boolean {
    return this.writes.get(keyOf(resource, o))?.op === 'delete';
  }

  /** The write ops, in the order first planned. */
  ops(): WriteOp[] {
    return [...this.writes.values()];
  }

  /** Whether the plan changes nothing. */
  get empty(): boolean {
    return this.writes.size === 0 && this.events.length === 0 && this.creates.length === 0;
  }
}
