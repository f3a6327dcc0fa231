/** What `/version` reports: the Kubernetes minor this cluster behaves as. */
export const KUBERNETES_VERSION = { major: '1', minor: '33', gitVersion: 'v1.33.1' };

export function serverVersion() {
  return {
    major: KUBERNETES_VERSION.major,
    minor: KUBERNETES_VERSION.minor,
    emulationMajor: KUBERNETES_VERSION.major,
    emulationMinor: KUBERNETES_VERSION.minor,
    minCompatibilityMajor: KUBERNETES_VERSION.major,
    minCompatibilityMinor: '32',
    gitVersion: KUBERNETES_VERSION.gitVersion,
    gitCommit: '8adc0f041b8e7ad1d30e29cc59c6ae7a15e19828',
    gitTreeState: 'clean',
    buildDate: '2025-05-15T08:19:08Z',
    goVersion: 'go1.24.2',
    compiler: 'gc',
    platform: 'linux/amd64',
  };
}

/** The body of `/version` as kube-apiserver writes it (WriteRawJSON: JSON indented by two spaces). */
export function serverVersionText(): string {
  return JSON.stringify(serverVersion(), null, 2);
}
