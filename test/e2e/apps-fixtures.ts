import { request } from 'node:https';
import { inject } from 'vitest';
import { kubectl } from './kubectl';

/** hello-app behind a NodePort, a LoadBalancer and an Ingress, and WordPress behind a LoadBalancer. */
export const appsManifest = (nodePort: number, ingressHost = 'hello.example.test') => `apiVersion: apps/v1
kind: Deployment
metadata: { name: hello }
spec:
  replicas: 3
  selector: { matchLabels: { app: hello } }
  template:
    metadata: { labels: { app: hello } }
    spec:
      containers:
      - { name: hello, image: "gcr.io/google-samples/hello-app:1.0", ports: [{ containerPort: 8080 }] }
---
apiVersion: v1
kind: Service
metadata: { name: hello-np }
spec:
  type: NodePort
  selector: { app: hello }
  ports: [{ port: 80, targetPort: 8080, nodePort: ${nodePort} }]
---
apiVersion: v1
kind: Service
metadata: { name: hello-lb }
spec:
  type: LoadBalancer
  selector: { app: hello }
  ports: [{ port: 80, targetPort: 8080 }]
---
apiVersion: v1
kind: Service
metadata: { name: hello-sticky }
spec:
  type: LoadBalancer
  sessionAffinity: ClientIP
  selector: { app: hello }
  ports: [{ port: 8080, targetPort: 8080 }]
---
apiVersion: v1
kind: Service
metadata: { name: hello }
spec:
  selector: { app: hello }
  ports: [{ name: http, port: 80, targetPort: 8080 }]
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: { name: hello }
spec:
  ingressClassName: nginx
  rules:
  - host: ${ingressHost}
    http:
      paths:
      - { path: /, pathType: Prefix, backend: { service: { name: hello, port: { name: http } } } }
---
apiVersion: v1
kind: Pod
metadata: { name: wp, labels: { app: wp } }
spec:
  containers:
  - { name: wordpress, image: wordpress, ports: [{ containerPort: 80 }] }
---
apiVersion: v1
kind: Service
metadata: { name: wp }
spec:
  type: LoadBalancer
  selector: { app: wp }
  ports: [{ port: 80 }]
`;

/** The tenant (cluster name) and token of a kubeconfig. */
export function credentials(kubeconfig: string): { tenant: string; token: string } {
  const server = kubectl(['config', 'view', '--raw', '-o', 'jsonpath={.clusters[0].cluster.server}'], { kubeconfig }).stdout;
  const token = kubectl(['config', 'view', '--raw', '-o', 'jsonpath={.users[0].user.token}'], { kubeconfig }).stdout;
  return { tenant: /\/clusters\/([^/]+)$/.exec(server)![1], token };
}

/** An answer of the dev server. */
export interface Got {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * An https GET to the dev server (trusting its CA) with the Host of our choosing: an app host
 * `<tenant>.apps.localhost` (the loopback, which browsers resolve themselves), or the server's own.
 * Each request has a connection of its own (`agent: false`): Node's global agent keeps sockets
 * alive, and one the server closed while idle failed the next request with "socket hang up".
 */
export function getWithHost(host: string | undefined, path: string, headers: Record<string, string> = {}): Promise<Got> {
  const url = new URL(inject('serverUrl'));
  return new Promise((resolve, reject) => {
    const hostHeader = host ? { Host: `${host}:${url.port}` } : {};
    const req = request({ host: '127.0.0.1', port: url.port, path, method: 'GET', agent: false, ca: inject('caPem'), ...(host ? { servername: host } : {}), headers: { ...hostHeader, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end();
  });
}
