// The objects the benchmarks write, and a poll until the cluster shows a state.

/** A small pod requesting 10m CPU and 16Mi. */
export const pod = (name, ns) => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: ns, labels: { app: 'bench', index: name } },
  spec: { containers: [{ name: 'c', image: 'nginx:1.25', resources: { requests: { cpu: '10m', memory: '16Mi' } } }] },
});

export const namespace = (name) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });

/** kubectl get's Accept header for a Table. */
export const TABLE = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json';

export const SMP = { 'Content-Type': 'application/strategic-merge-patch+json' };

/** GET `path` every 50 ms until `done(object)` holds. */
export async function until(client, path, done) {
  for (;;) {
    const obj = JSON.parse((await client.call('GET', path)).body);
    if (done(obj)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
}
