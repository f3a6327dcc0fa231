import { describe, expect, it } from 'vitest';
import { kubeconfig, kubeconfigCaPem } from '../../../src/auth/kubeconfig';

const input = { server: 'https://kube.example.com/clusters/alice-abcdefgh', token: 'tok', name: 'k8s-101-alice', user: 'student-alice' };

describe('kubeconfig', () => {
  it('carries the CA as base64 certificate-authority-data under the cluster', () => {
    const text = kubeconfig({ ...input, caPem: '-----BEGIN CERTIFICATE-----\nAB\n-----END CERTIFICATE-----\n' });
    const data = /\n {4}certificate-authority-data: (\S+)\n/.exec(text)?.[1];
    expect(atob(data!)).toBe('-----BEGIN CERTIFICATE-----\nAB\n-----END CERTIFICATE-----\n');
    expect(text).toContain(`server: "${input.server}"\n    certificate-authority-data:`);
  });

  it('has no certificate-authority-data without a CA, so kubectl checks the system roots', () => {
    const text = kubeconfig(input);
    expect(text).not.toContain('certificate-authority');
    expect(text).toContain(`server: "${input.server}"\nusers:`);
  });
});

describe('kubeconfigCaPem', () => {
  it('gives the cluster CA unless the host has a public certificate', () => {
    expect(kubeconfigCaPem({ CA_PEM: 'pem' })).toBe('pem');
    expect(kubeconfigCaPem({ CA_PEM: 'pem', PUBLIC_CERTIFICATE: 'false' })).toBe('pem');
    expect(kubeconfigCaPem({ CA_PEM: 'pem', PUBLIC_CERTIFICATE: 'true' })).toBeUndefined();
    expect(kubeconfigCaPem({ CA_PEM: '' })).toBeUndefined();
    expect(kubeconfigCaPem({})).toBeUndefined();
  });
});
