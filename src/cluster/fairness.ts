import type { RequestInfo } from '../apiserver/request-info';

/**
 * The tenant's request rate as kube-apiserver's API Priority and Fairness would apply it
 * (k8s.io/apiserver/pkg/util/flowcontrol), on one Durable Object: a request over the rate waits
 * in its flow's queue instead of being refused at once, queued flows are served in turn (fair
 * queuing, so a student's watchers never starve their writers nor the other way round), and a
 * request is refused (429) only when its wait would exceed `maxWaitMs` or its queue is full.
 * Health probes are exempt, as upstream's `probes` flow schema is; the cluster's own controllers
 * run on its alarm and never pass through here.
 *
 * Flows are (user, class): a user's mutating requests, read-only requests and watches queue
 * apart, and different users (the student, an instructor's view token, service accounts) apart.
 */

export type FlowClass = 'mutating' | 'readonly' | 'watch' | 'apps';

export interface FairnessConfig {
  /** Requests a second served over time (the tenant's `requestsPerSecond`). */
  rate: number;
  /** Requests served at once without waiting (a full bucket). */
  burst: number;
  /** The longest a request may wait in its queue; beyond it, 429. */
  maxWaitMs: number;
  /** Requests one flow may have waiting (upstream's queueLengthLimit). */
  queueLength: number;
}

/** How long a request may wait before it is refused (upstream bounds it by the request's timeout). */
export const MAX_WAIT_MS = 5_000;
/** Requests one flow may have waiting (upstream's default queueLengthLimit is 50 per queue). */
export const QUEUE_LENGTH = 500;

/** The configuration of a tenant's rate: bursts of two seconds' worth, waits of up to 5 s. */
export function fairnessFor(rps: number): FairnessConfig {
  return { rate: rps, burst: Math.max(1, Math.ceil(rps * 2)), maxWaitMs: MAX_WAIT_MS, queueLength: QUEUE_LENGTH };
}

const EXEMPT_PATHS = new Set(['/healthz', '/livez', '/readyz', '/version']);
const MUTATING = new Set(['create', 'update', 'patch', 'delete', 'deletecollection']);

/** The flow of a request, or undefined when it is exempt (health probes, /version). */
export function flowOf(username: string, info: Pick<RequestInfo, 'verb' | 'isResourceRequest' | 'path'>, kind?: FlowClass): string | undefined {
  if (!info.isResourceRequest && EXEMPT_PATHS.has(info.path)) return undefined;
  const cls: FlowClass = kind ?? (info.verb === 'watch' ? 'watch' : MUTATING.has(info.verb) ? 'mutating' : 'readonly');
  return `${cls}\u0000${username}`;
}

interface Waiter {
  resolve: (admitted: boolean) => void;
}

/**
 * A token bucket in front of fair queues. `admit` answers `true` at once when a token is free and
 * nobody waits; otherwise a promise that resolves `true` when the request's turn comes, or
 * `false` at once when it would wait too long. Lives on the Durable Object instance.
 */
export class FairQueues {
  private tokens: number;
  private last: number;
  private readonly queues = new Map<string, Waiter[]>();
  /** Flows with waiters, in their round-robin order. */
  private ring: string[] = [];
  private next = 0;
  private waiting = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Requests refused and requests that waited, since the instance started (stats, tests). */
  readonly counts = { admitted: 0, queued: 0, rejected: 0 };

  constructor(
    private config: FairnessConfig,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = config.burst;
    this.last = now();
  }

  /** Change the rate (settings changed): tokens held are kept up to the new burst. */
  configure(config: FairnessConfig): void {
    this.refill();
    this.config = config;
    this.tokens = Math.min(this.tokens, config.burst);
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.schedule();
  }

  /** Requests waiting now. */
  get queued(): number {
    return this.waiting;
  }

  /** Admit a request of `flow`: true now, or a promise of the outcome after waiting its turn. */
  admit(flow: string): true | false | Promise<boolean> {
    this.refill();
    if (this.waiting === 0 && this.tokens >= 1) {
      this.tokens -= 1;
      this.counts.admitted++;
      return true;
    }
    const q = this.queues.get(flow) ?? [];
    if (q.length >= this.config.queueLength || this.expectedWaitMs(flow, q.length) > this.config.maxWaitMs) {
      this.counts.rejected++;
      return false;
    }
    return new Promise<boolean>((resolve) => {
      if (!q.length) {
        this.queues.set(flow, q);
        this.ring.push(flow);
      }
      q.push({ resolve });
      this.waiting++;
      this.counts.queued++;
      this.schedule();
    });
  }

  /**
   * The wait of a new request of a flow holding `ahead` waiters: served in turn, every other flow
   * gets up to as many turns before it as its own queue is long, and the tokens at hand count.
   */
  private expectedWaitMs(flow: string, ahead: number): number {
    let before = ahead + 1;
    for (const [f, q] of this.queues) if (f !== flow) before += Math.min(q.length, ahead + 1);
    return (Math.max(0, before - this.tokens) / this.config.rate) * 1000;
  }

  private refill(): void {
    const now = this.now();
    const elapsed = Math.max(0, now - this.last) / 1000;
    this.last = Math.max(this.last, now);
    this.tokens = Math.min(this.config.burst, this.tokens + elapsed * this.config.rate);
  }

  /** Serve waiters in turn while tokens last, then wait for the next token. */
  private dispatch(): void {
    this.timer = undefined;
    this.refill();
    while (this.waiting > 0 && this.tokens >= 1) {
      if (this.next >= this.ring.length) this.next = 0;
      const flow = this.ring[this.next];
      const q = this.queues.get(flow)!;
      const w = q.shift()!;
      this.waiting--;
      this.tokens -= 1;
      this.counts.admitted++;
      if (!q.length) {
        this.queues.delete(flow);
        this.ring.splice(this.next, 1);
      } else {
        this.next++;
      }
      w.resolve(true);
    }
    this.schedule();
  }

  private schedule(): void {
    if (this.timer !== undefined || this.waiting === 0) return;
    const ms = Math.max(0, ((1 - this.tokens) / this.config.rate) * 1000);
    this.timer = setTimeout(() => this.dispatch(), Math.ceil(ms));
  }
}
