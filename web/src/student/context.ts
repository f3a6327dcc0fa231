/**
 * What every cluster page reads: the cluster's client, and whether the view may write (the
 * instructor's read-only view of a student's cluster hides edits and the terminal).
 */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { KubeClient } from '../api/client';

export interface ClusterView {
  client: KubeClient;
  readOnly: boolean;
  /** The path prefix of this cluster's pages ('' for the student; e.g. `/classrooms/x/students/y` for the instructor). */
  base: string;
}

export const ClusterContext = createContext<ClusterView | undefined>(undefined);

/** The cluster view of the page being drawn. */
export function useCluster(): ClusterView {
  const v = useContext(ClusterContext);
  if (!v) throw new Error('a cluster page outside a ClusterContext');
  return v;
}
