/** The kubelet simulation's public and internal shapes. */
import type { KubeObject } from '../../apiserver/types';

/** realistic: seconds like a real cluster; fast: every duration divided by 1000 (steps of a few ms). */
export type TimingProfile = 'realistic' | 'fast';

/** What the runtime gives the kubelet for one call. Pure inputs: the kubelet keeps no state of its own. */
export interface KubeletEnv {
  /** The cluster clock. */
  now: Date;
  profile: TimingProfile;
  /** The node the pod is bound to (status.addresses, spec.podCIDR). */
  node: KubeObject;
  /** Allocates (or returns the already allocated) IP for the pod from the node's pod CIDR. */
  podIP(pod: KubeObject): string;
  configMap(namespace: string, name: string): KubeObject | undefined;
  secret(namespace: string, name: string): KubeObject | undefined;
  pvc?(namespace: string, name: string): KubeObject | undefined;
  /** [0,1): used for container ids only, so tests stay deterministic. */
  random(): number;
  /**
   * When the runtime last committed a step for this pod (the `now` it passed then). Stages that
   * only emit events (Killing, FailedMount and probe-failure repeats) fire when their instant
   * falls after it. Defaults to the latest timestamp in the pod's status.
   */
  lastStepAt?: Date;
}

/** An event the kubelet records about the pod (source component `kubelet`, host = the node). */
export interface KubeletEvent {
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
  /** `spec.containers{name}` / `spec.initContainers{name}` when about one container. */
  fieldPath?: string;
  /**
   * When it happened (epoch ms), for an event of the step that happened before the step's own
   * moment (a pull that ended before the container started); the step's `now` when absent.
   */
  at?: number;
}

/** The result of one stage: the new pod (status changed), its events, and when to call again. */
export interface KubeletStep {
  pod: KubeObject;
  events: KubeletEvent[];
  /** The pod is gone from the node: delete the object (grace 0). */
  deletePod?: boolean;
  /** Milliseconds until the next stage is due; undefined = nothing scheduled. */
  nextInMs?: number;
  /** Name of the stage that fired (for tests and tracing). */
  stage: string;
}

/** Per-call context the stages share. Times are epoch milliseconds. */
export interface StageContext {
  env: KubeletEnv;
  now: number;
  /** Event-only stages fire for instants in (since, now]. */
  since: number;
  /** Multiplier turning real durations into this profile's durations. */
  scale: number;
}

/** A transition some stage proposes: due `at`, producing a change when applied. */
export interface Transition {
  stage: string;
  at: number;
  /** Only emits events (guarded by `since` rather than by a status change). */
  eventOnly?: boolean;
  apply(pod: KubeObject): { pod: KubeObject; events: KubeletEvent[]; deletePod?: boolean };
}
