import { describe, it, expect } from 'vitest';
import { kubectl, until } from './kubectl';

const ns = 'hpa-e2e';
const k = (...args: string[]) => kubectl(args);

const app = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: php-apache
spec:
  replicas: 1
  selector:
    matchLabels:
      run: php-apache
  template:
    metadata:
      labels:
        run: php-apache
    spec:
      containers:
      - name: php-apache
        image: registry.k8s.io/hpa-example
        ports:
        - containerPort: 80
        resources:
          limits:
            cpu: 500m
          requests:
            cpu: 200m
---
apiVersion: v1
kind: Service
metadata:
  name: php-apache
spec:
  ports:
  - port: 80
  selector:
    run: php-apache
`;

const hpaRow = () => k('get', 'hpa', 'php-apache', '-n', ns, '--no-headers').stdout;

describe('the horizontal pod autoscaler', () => {
  it('scales a Deployment out under load and back in without it', async () => {
    k('create', 'namespace', ns);
    expect(kubectl(['apply', '-n', ns, '-f', '-'], { input: app }).code).toBe(0);
    expect(await until(() => /^php-apache +1\/1 /m.test(k('get', 'deploy', 'php-apache', '-n', ns).stdout))).toBe(true);
    expect(k('autoscale', 'deployment', 'php-apache', '-n', ns, '--cpu-percent=50', '--min=1', '--max=10').stdout).toBe('horizontalpodautoscaler.autoscaling/php-apache autoscaled\n');
    // No scale-down stabilization, so that the test need not wait five minutes.
    k('patch', 'hpa', 'php-apache', '-n', ns, '--type=merge', '-p', '{"spec":{"behavior":{"scaleDown":{"stabilizationWindowSeconds":0}}}}');
    expect(await until(() => /cpu: [0-9]+%\/50% +1 +10 +1 /.test(hpaRow()))).toBe(true);

    k('run', 'load-generator', '-n', ns, '--image=busybox:1.28', '--restart=Never', '--', '/bin/sh', '-c', 'while sleep 0.01; do wget -q -O- http://php-apache; done');
    expect(await until(() => /cpu: [0-9]+%\/50% +1 +10 +([2-9]|10) /.test(hpaRow()), 60_000)).toBe(true);
    const utilization = Number(k('get', 'hpa', 'php-apache', '-n', ns, '-o', 'jsonpath={.status.currentMetrics[0].resource.current.averageUtilization}').stdout);
    expect(utilization).toBeGreaterThan(0);
    expect(k('describe', 'hpa', 'php-apache', '-n', ns).stdout).toMatch(/SuccessfulRescale +[^\n]*New size: ([2-9]|10); reason: cpu resource utilization \(percentage of request\) above target/);

    k('delete', 'pod', 'load-generator', '-n', ns, '--grace-period=1');
    expect(await until(() => /cpu: [0-9]+%\/50% +1 +10 +1 /.test(hpaRow()), 60_000)).toBe(true);
    expect(k('describe', 'hpa', 'php-apache', '-n', ns).stdout).toMatch(/New size: 1; reason: All metrics below target/);
  });

  it('says why it cannot scale when the pods request no cpu', async () => {
    k('create', 'deployment', 'norequests', '-n', ns, '--image=nginx');
    k('autoscale', 'deployment', 'norequests', '-n', ns, '--cpu-percent=50', '--max=3');
    expect(await until(() => /missing request for cpu in container nginx of Pod norequests-/.test(k('describe', 'hpa', 'norequests', '-n', ns).stdout))).toBe(true);
    expect(k('get', 'hpa', 'norequests', '-n', ns, '--no-headers').stdout).toMatch(/cpu: <unknown>\/50%/);
  });
});
