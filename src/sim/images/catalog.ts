/**
 * The image catalog: which images and tags "exist" in the simulated registries, their size and
 * digest, and what kind of program their default entrypoint is. An image not listed here fails
 * to pull (ErrImagePull), as a tag missing from Docker Hub does.
 */

/** What a container of the image does when run without a command override. */
export type ImageKind =
  | 'shell' // busybox, alpine, ubuntu…: default CMD is a shell, which exits 0 at once without a tty
  | 'web' // serves HTTP on its ports forever
  | 'redis'
  | 'postgres' // needs POSTGRES_PASSWORD
  | 'mysql' // needs MYSQL_ROOT_PASSWORD (or the ALLOW_EMPTY / RANDOM variants)
  | 'stress' // polinux/stress: runs `stress` with its args
  | 'pause'; // sleeps forever

/** One repository of the catalog. */
export interface CatalogImage {
  /** Fully qualified repository, e.g. `docker.io/library/nginx`. */
  repository: string;
  kind: ImageKind;
  /** Tags that exist (besides `latest`, which every entry has unless `noLatest`). */
  tags: string[];
  noLatest?: boolean;
  /** Compressed size in bytes, as the Pulled event reports it. */
  sizeBytes: number;
  /** TCP ports the default program listens on. */
  ports: number[];
  /** Paths an HTTP server answers 200 on (others 404). */
  httpPaths?: string[];
  /** Resident memory of the idle default program, bytes. */
  idleMemory: number;
}

const MI = 1024 * 1024;

const IMAGES: CatalogImage[] = [
  { repository: 'docker.io/library/nginx', kind: 'web', tags: ['1.25', '1.25.5', '1.26', '1.27', '1.27.0', '1.27.3', '1.28', 'alpine', 'stable', 'mainline', '1.12.2', '1.14.2', '1.16.1', '1.19', '1.21', '1.23', '1.24'], sizeBytes: 72223946, ports: [80], httpPaths: ['/', '/index.html', '/50x.html'], idleMemory: 3 * MI },
  { repository: 'docker.io/library/httpd', kind: 'web', tags: ['2.4', '2.4-alpine', 'alpine'], sizeBytes: 58214012, ports: [80], httpPaths: ['/', '/index.html'], idleMemory: 6 * MI },
  { repository: 'docker.io/library/busybox', kind: 'shell', tags: ['1.28', '1.35', '1.36', '1.36.1', '1.37', 'stable', 'musl', 'glibc'], sizeBytes: 2166802, ports: [], idleMemory: 256 * 1024 },
  { repository: 'registry.k8s.io/busybox', kind: 'shell', tags: ['1.27.2', '1.24'], sizeBytes: 1144547, ports: [], idleMemory: 256 * 1024 },
  { repository: 'k8s.gcr.io/busybox', kind: 'shell', tags: ['1.27.2', '1.24'], sizeBytes: 1144547, ports: [], idleMemory: 256 * 1024 },
  { repository: 'docker.io/library/alpine', kind: 'shell', tags: ['3', '3.18', '3.19', '3.20', '3.21', 'edge'], sizeBytes: 3653068, ports: [], idleMemory: 512 * 1024 },
  { repository: 'docker.io/library/ubuntu', kind: 'shell', tags: ['20.04', '22.04', '24.04', 'jammy', 'noble', 'focal'], sizeBytes: 29754422, ports: [], idleMemory: 1 * MI },
  { repository: 'docker.io/library/debian', kind: 'shell', tags: ['bookworm', 'bookworm-slim', '12', '12-slim'], sizeBytes: 48494272, ports: [], idleMemory: 1 * MI },
  { repository: 'docker.io/curlimages/curl', kind: 'shell', tags: ['8.5.0', '8.11.1'], sizeBytes: 10977286, ports: [], idleMemory: 1 * MI },
  { repository: 'docker.io/library/redis', kind: 'redis', tags: ['7', '7.2', '7.4', 'alpine', '7-alpine'], sizeBytes: 45149474, ports: [6379], idleMemory: 4 * MI },
  { repository: 'docker.io/library/postgres', kind: 'postgres', tags: ['15', '16', '17', '16-alpine', 'alpine'], sizeBytes: 158449120, ports: [5432], idleMemory: 30 * MI },
  { repository: 'docker.io/library/mysql', kind: 'mysql', tags: ['8', '8.0', '8.4', '9', '5.7'], sizeBytes: 172917486, ports: [3306], idleMemory: 360 * MI },
  { repository: 'docker.io/polinux/stress', kind: 'stress', tags: [], sizeBytes: 4041495, ports: [], idleMemory: 512 * 1024 },
  { repository: 'k8s.gcr.io/hpa-example', kind: 'web', tags: [], sizeBytes: 178477528, ports: [80], httpPaths: ['/', '/index.php'], idleMemory: 9 * MI },
  { repository: 'registry.k8s.io/hpa-example', kind: 'web', tags: [], sizeBytes: 178477528, ports: [80], httpPaths: ['/', '/index.php'], idleMemory: 9 * MI },
  { repository: 'registry.k8s.io/pause', kind: 'pause', tags: ['3.9', '3.10'], noLatest: true, sizeBytes: 320368, ports: [], idleMemory: 256 * 1024 },
  { repository: 'registry.k8s.io/e2e-test-images/agnhost', kind: 'web', tags: ['2.39', '2.40', '2.43', '2.52'], noLatest: true, sizeBytes: 51121342, ports: [80], httpPaths: ['/', '/hostname', '/healthz'], idleMemory: 8 * MI },
  // Images the course's lessons use.
  { repository: 'docker.io/library/wordpress', kind: 'web', tags: ['4.9-apache', '6', '6-apache', 'apache'], sizeBytes: 166410528, ports: [80], httpPaths: ['/', '/wp-admin/install.php'], idleMemory: 25 * MI },
  { repository: 'quay.io/fluentd_elasticsearch/fluentd', kind: 'pause', tags: ['v2.5.2', 'v3.1.0', 'v4.7.2'], noLatest: true, sizeBytes: 140278154, ports: [], idleMemory: 60 * MI },
  { repository: 'gcr.io/google-samples/gb-frontend', kind: 'web', tags: ['v3', 'v4', 'v5'], noLatest: true, sizeBytes: 132876304, ports: [80], httpPaths: ['/'], idleMemory: 12 * MI },
  // The control plane and add-ons of a kubeadm cluster (kube-system).
  { repository: 'registry.k8s.io/etcd', kind: 'pause', tags: ['3.5.21-0'], noLatest: true, sizeBytes: 58938593, ports: [2379, 2380], idleMemory: 40 * MI },
  { repository: 'registry.k8s.io/kube-apiserver', kind: 'pause', tags: ['v1.33.1'], noLatest: true, sizeBytes: 30071307, ports: [6443], idleMemory: 250 * MI },
  { repository: 'registry.k8s.io/kube-controller-manager', kind: 'pause', tags: ['v1.33.1'], noLatest: true, sizeBytes: 27646507, ports: [10257], idleMemory: 50 * MI },
  { repository: 'registry.k8s.io/kube-scheduler', kind: 'pause', tags: ['v1.33.1'], noLatest: true, sizeBytes: 21785428, ports: [10259], idleMemory: 20 * MI },
  { repository: 'registry.k8s.io/kube-proxy', kind: 'pause', tags: ['v1.33.1'], noLatest: true, sizeBytes: 31886862, ports: [10249], idleMemory: 20 * MI },
  { repository: 'registry.k8s.io/coredns/coredns', kind: 'pause', tags: ['v1.12.0'], noLatest: true, sizeBytes: 20939036, ports: [53, 8080, 8181, 9153], idleMemory: 15 * MI },
  { repository: 'docker.io/kindest/kindnetd', kind: 'pause', tags: ['v20250512-df8de77b'], noLatest: true, sizeBytes: 44375501, ports: [], idleMemory: 10 * MI },
  { repository: 'gcr.io/google-samples/hello-app', kind: 'web', tags: ['1.0', '2.0'], noLatest: true, sizeBytes: 11218234, ports: [8080], httpPaths: ['/'], idleMemory: 4 * MI },
];

/** A parsed image reference (the containerd/Docker normalisation). */
export interface ImageRef {
  /** `docker.io/library/nginx` */
  repository: string;
  /** `1.25`, or `latest` when none was given; undefined when pinned by digest only. */
  tag?: string;
  digest?: string;
  /** `docker.io/library/nginx:1.25`: what status.containerStatuses[].image shows once pulled. */
  normalized: string;
}

/**
 * Normalises an image reference as containerd does: a bare name gets `docker.io/library/`, a
 * `user/name` gets `docker.io/`, a missing tag becomes `latest`.
 */
export function parseImageRef(image: string): ImageRef {
  let rest = image.trim();
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  const parts = rest.split('/');
  const hasRegistry = parts.length > 1 && (parts[0].includes('.') || parts[0].includes(':') || parts[0] === 'localhost');
  let repository = rest;
  if (!hasRegistry) repository = parts.length === 1 ? `docker.io/library/${rest}` : `docker.io/${rest}`;
  if (!tag && !digest) tag = 'latest';
  const normalized = tag ? `${repository}:${tag}` : `${repository}@${digest}`;
  return { repository, tag, digest, normalized };
}

/** The catalog entry for an image reference, or undefined when the image or its tag does not exist. */
export function lookupImage(image: string): CatalogImage | undefined {
  const ref = parseImageRef(image);
  const entry = IMAGES.find((i) => i.repository === ref.repository);
  if (!entry) return undefined;
  if (!ref.tag) return entry; // pinned by digest: accept
  if (ref.tag === 'latest') return entry.noLatest ? undefined : entry;
  return entry.tags.includes(ref.tag) ? entry : undefined;
}

/** Every known repository (for documentation and tests). */
export function catalogImages(): readonly CatalogImage[] {
  return IMAGES;
}

/** 64 hex digits derived from a string (FNV-1a rounds): stable fake digests and ids. */
export function hex64(seed: string): string {
  let out = '';
  let h = 0x811c9dc5;
  for (let round = 0; out.length < 64; round++) {
    for (const ch of `${seed}#${round}`) {
      h ^= ch.charCodeAt(0);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    out += h.toString(16).padStart(8, '0');
  }
  return out.slice(0, 64);
}

/** The repo digest containerd reports as imageID: `docker.io/library/nginx@sha256:…`. */
export function imageID(image: string): string {
  const ref = parseImageRef(image);
  return `${ref.repository}@sha256:${ref.digest?.replace(/^sha256:/, '') ?? hex64(ref.normalized)}`;
}

/**
 * The error text containerd returns for a reference it cannot resolve, as the kubelet puts it
 * into the Failed event and the ErrImagePull waiting message.
 */
export function pullErrorMessage(image: string): string {
  const ref = parseImageRef(image);
  const full = ref.normalized;
  if (ref.repository.startsWith('docker.io/') && IMAGES.some((i) => i.repository === ref.repository)) {
    return `rpc error: code = NotFound desc = failed to pull and unpack image "${full}": failed to resolve reference "${full}": ${full}: not found`;
  }
  return `rpc error: code = Unknown desc = failed to pull and unpack image "${full}": failed to resolve reference "${full}": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed`;
}
