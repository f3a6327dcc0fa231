import { describe, it, expect } from 'vitest';
import { admitPodPriority, admitPriorityClass } from '../../../src/resources/priorityclass/admission';
import { admitRuntimeClass } from '../../../src/resources/runtimeclass/admission';
import { systemPriorityClasses } from '../../../src/resources/priorityclass/system';
import { fakeContext } from './fake-store';

const PC = 'priorityclasses.scheduling.k8s.io';
const pc = (name: string, value: number, extra: Record<string, unknown> = {}) => ({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name }, value, ...extra });
const pod = (spec: Record<string, unknown> = {}) => ({ metadata: { name: 'web', namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'nginx' }], ...spec } }) as any;
const classes = (...more: any[]) => fakeContext({ [PC]: [...systemPriorityClasses('2026-01-01T00:00:00Z'), ...more] });

describe('Priority admission', () => {
  it("resolves a pod's class into priority and preemptionPolicy", () => {
    const p = pod({ priorityClassName: 'batch' });
    admitPodPriority(classes(pc('batch', 500, { preemptionPolicy: 'Never' })), p);
    expect([p.spec.priority, p.spec.preemptionPolicy]).toEqual([500, 'Never']);
    const sys = pod({ priorityClassName: 'system-cluster-critical' });
    admitPodPriority(classes(), sys);
    expect(sys.spec.priority).toBe(2000000000);
  });

  it('gives a pod without class the global default, or priority 0', () => {
    const none = pod();
    admitPodPriority(classes(), none);
    expect([none.spec.priority, none.spec.preemptionPolicy, none.spec.priorityClassName]).toEqual([0, 'PreemptLowerPriority', undefined]);
    const p = pod();
    admitPodPriority(classes(pc('default-high', 900, { globalDefault: true }), pc('default-low', 50, { globalDefault: true })), p);
    expect([p.spec.priorityClassName, p.spec.priority]).toEqual(['default-low', 50]);
  });

  it("refuses a class that does not exist, and a priority that is not the class's", () => {
    expect(() => admitPodPriority(classes(), pod({ priorityClassName: 'gold' }))).toThrow('pods "web" is forbidden: no PriorityClass with name gold was found');
    expect(() => admitPodPriority(classes(pc('batch', 500)), pod({ priorityClassName: 'batch', priority: 7 }))).toThrow(
      'pods "web" is forbidden: the integer value of priority (7) must not be provided in pod spec; priority admission controller computed 500 from the given PriorityClass name',
    );
    expect(() => admitPodPriority(classes(pc('batch', 500)), pod({ priorityClassName: 'batch', preemptionPolicy: 'Never' }))).toThrow(
      'the string value of PreemptionPolicy (Never) must not be provided in pod spec; priority admission controller computed PreemptLowerPriority from the given PriorityClass name',
    );
  });

  it('allows one global default PriorityClass only', () => {
    const ctx = classes(pc('default', 10, { globalDefault: true }));
    expect(() => admitPriorityClass(ctx, pc('other', 20, { globalDefault: true }) as any)).toThrow(
      'priorityclasses.scheduling.k8s.io "other" is forbidden: PriorityClass default is already marked as default. Only one default can exist',
    );
    expect(() => admitPriorityClass(ctx, pc('default', 10, { globalDefault: true }) as any, pc('default', 10) as any)).not.toThrow();
    expect(() => admitPriorityClass(ctx, pc('other', 20) as any)).not.toThrow();
  });
});

describe('RuntimeClass admission', () => {
  const rc = { metadata: { name: 'gvisor' }, handler: 'runsc', overhead: { podFixed: { cpu: '250m', memory: '64Mi' } }, scheduling: { nodeSelector: { sandbox: 'gvisor' }, tolerations: [{ key: 'sandbox', operator: 'Exists', effect: 'NoSchedule' }] } };
  const ctx = fakeContext({ 'runtimeclasses.node.k8s.io': [rc as any] });

  it("adds the class's overhead and scheduling to the pod", () => {
    const p = pod({ runtimeClassName: 'gvisor' });
    admitRuntimeClass(ctx, p);
    expect(p.spec.overhead).toEqual({ cpu: '250m', memory: '64Mi' });
    expect(p.spec.nodeSelector).toEqual({ sandbox: 'gvisor' });
    expect(p.spec.tolerations).toEqual([{ key: 'sandbox', operator: 'Exists', effect: 'NoSchedule' }]);
  });

  it('refuses an unknown class and a conflicting node selector', () => {
    expect(() => admitRuntimeClass(ctx, pod({ runtimeClassName: 'kata' }))).toThrow('pods "web" is forbidden: pod rejected: RuntimeClass "kata" not found');
    expect(() => admitRuntimeClass(ctx, pod({ runtimeClassName: 'gvisor', nodeSelector: { sandbox: 'kata' } }))).toThrow('pod rejected: NodeSelector in Pod conflicts with RuntimeClass');
  });
});
