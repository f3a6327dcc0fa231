/**
 * Keeping an owner's ControllerRevisions (the StatefulSet's getStatefulSetRevisions and
 * truncateHistory, the DaemonSet's constructHistory and cleanupHistory): find or make the
 * revision of the current template, give it the highest number, resolve name collisions with
 * the collision count, and prune revisions no pod uses past revisionHistoryLimit.
 */
import type { KubeObject } from '../../apiserver/types';
import type { ControllerContext } from '../types';
import { createAs, updateAs } from '../client';
import { deleteOps } from '../../apiserver/registry/delete';
import { equalRevision, newRevision, nextRevisionNumber, ownedRevisions, sortRevisions, type RevisionStyle } from './revision';

/** The storage key of ControllerRevisions. */
export const REVISIONS = 'controllerrevisions.apps';
/** How many collisions one sync resolves before giving up for now. */
const MAX_COLLISIONS = 5;

/** What the revision sync found or made. */
export interface RevisionState {
  /** The revision of the owner's current template. */
  update: KubeObject;
  /** Every revision the owner controls, sorted by number. */
  revisions: KubeObject[];
  /** The collision count to record in the owner's status. */
  collisionCount: number;
}

/** The revisions `owner` controls, as stored now, sorted by number. */
export function listRevisions(ctx: ControllerContext, owner: KubeObject): KubeObject[] {
  return sortRevisions(ownedRevisions(owner, ctx.store.list(REVISIONS, owner.metadata.namespace).map((e) => e.obj)));
}

/**
 * Make sure the owner's current template has a revision with the highest number: reuse an equal
 * one (renumbering it when an older template comes back, as a rollback does), or create one,
 * bumping the collision count while its name is taken by different data. Undefined when the
 * apiserver refused the write (the caller retries later).
 */
export function syncRevisions(ctx: ControllerContext, owner: KubeObject, style: RevisionStyle, user: string): RevisionState | undefined {
  let collisionCount = owner.status?.collisionCount ?? 0;
  let revisions = listRevisions(ctx, owner);
  const next = nextRevisionNumber(revisions);
  for (let attempt = 0; attempt <= MAX_COLLISIONS; attempt++) {
    const candidate = newRevision(owner, style, next, collisionCount);
    const equal = revisions.filter((r) => equalRevision(r, candidate));
    const found = equal[equal.length - 1];
    if (found) {
      if (found === revisions[revisions.length - 1]) return { update: found, revisions, collisionCount };
      const copy = structuredClone(found);
      copy.revision = next;
      const updated = updateAs(ctx, user, 'apps', 'controllerrevisions', copy);
      if (!updated) return undefined;
      revisions = listRevisions(ctx, owner);
      return { update: updated, revisions, collisionCount };
    }
    const taken = ctx.store.get(REVISIONS, owner.metadata.namespace ?? '', candidate.metadata.name!);
    if (taken) {
      // The name is in use by a revision with other data (or another owner's): a hash collision.
      collisionCount++;
      continue;
    }
    const created = createAs(ctx, user, 'apps', 'controllerrevisions', candidate);
    if (!created) return undefined;
    revisions = listRevisions(ctx, owner);
    return { update: created, revisions, collisionCount };
  }
  return undefined;
}

/**
 * Delete the oldest revisions that are not live (not the current or update revision, not used by
 * a pod) beyond `limit` (truncateHistory / cleanupHistory).
 */
export function pruneRevisions(ctx: ControllerContext, revisions: KubeObject[], live: Set<string>, limit: number): void {
  const idle = sortRevisions(revisions).filter((r) => !live.has(r.metadata.name!));
  for (const r of idle.slice(0, Math.max(0, idle.length - limit))) ctx.commit(deleteOps(ctx, REVISIONS, r, { dryRun: false }).ops);
}
