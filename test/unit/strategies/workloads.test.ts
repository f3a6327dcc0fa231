import { describe, it, expect } from 'vitest';
import { created, createErrors, updated } from './helpers';
import { STS_UPDATE_FORBIDDEN } from '../../../src/resources/statefulset/strategy';

const meta = { name: 'web', namespace: 'default', uid: 'uid-1' };
const template = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.25' }] } };
const defaultedTemplateSpec = {
  containers: [
    { name: 'nginx', image: 'nginx:1.25', imagePullPolicy: 'IfNotPresent', resources: {}, terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File' },
  ],
  dnsPolicy: 'ClusterFirst',
  restartPolicy: 'Always',
  schedulerName: 'default-scheduler',
  securityContext: {},
  terminationGracePeriodSeconds: 30,
};
const deploy = (spec: Record<string, any>) => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { ...meta }, spec });

describe('deployment', () => {
  it('defaults like a real cluster and starts at generation 1', () => {
    const d = created('deployments.apps', deploy({ selector: { matchLabels: { app: 'web' } }, template }));
    expect(d.spec).toEqual({
      replicas: 1,
      selector: { matchLabels: { app: 'web' } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
      template: { metadata: { labels: { app: 'web' }, creationTimestamp: null }, spec: defaultedTemplateSpec },
    });
    expect(d.metadata.generation).toBe(1);
    expect(d.status).toEqual({});
  });

  it('requires a selector and reports the template mismatch', () => {
    expect(createErrors('deployments.apps', deploy({ template: { ...template, metadata: { labels: { app: 'x' } } } }))).toEqual([
      'spec.selector: Required value',
      'spec.template.metadata.labels: Invalid value: {"app":"x"}: `selector` does not match template `labels`',
    ]);
  });

  it('rejects negative replicas', () => {
    expect(createErrors('deployments.apps', deploy({ replicas: -1, selector: { matchLabels: { app: 'web' } }, template }))).toEqual([
      'spec.replicas: Invalid value: -1: must be greater than or equal to 0',
    ]);
  });

  it('only accepts restartPolicy Always in the template', () => {
    const t = { ...template, spec: { ...template.spec, restartPolicy: 'Never' } };
    expect(createErrors('deployments.apps', deploy({ selector: { matchLabels: { app: 'web' } }, template: t }))).toEqual([
      'spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
    ]);
  });

  it('makes the selector immutable and bumps generation on spec change only', () => {
    const old = created('deployments.apps', deploy({ selector: { matchLabels: { app: 'web' } }, template }));
    old.status = { replicas: 1 };
    const scaled = structuredClone(old);
    scaled.spec.replicas = 3;
    delete scaled.status;
    const r1 = updated('deployments.apps', scaled, old);
    expect(r1.errors).toEqual([]);
    expect(r1.obj.metadata.generation).toBe(2);
    expect(r1.obj.status).toEqual({ replicas: 1 });
    const same = updated('deployments.apps', structuredClone(old), old);
    expect(same.obj.metadata.generation).toBe(1);
    const moved = structuredClone(old);
    moved.spec.selector = { matchLabels: { app: 'web', tier: 'fe' } };
    moved.spec.template.metadata.labels.tier = 'fe';
    expect(updated('deployments.apps', moved, old).errors).toEqual([
      'spec.selector: Invalid value: {"matchLabels":{"app":"web","tier":"fe"}}: field is immutable',
    ]);
  });

  it('rejects maxUnavailable and maxSurge both zero', () => {
    const errs = createErrors('deployments.apps', deploy({ selector: { matchLabels: { app: 'web' } }, template, strategy: { rollingUpdate: { maxUnavailable: 0, maxSurge: 0 } } }));
    expect(errs).toEqual(['spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0']);
  });
});

describe('replicaset, statefulset, daemonset', () => {
  it('defaults replicaset replicas and checks its selector', () => {
    const rs = created('replicasets.apps', { metadata: { ...meta }, spec: { selector: { matchLabels: { tier: 'frontend' } }, template: { ...template, metadata: { labels: { tier: 'nginx' } } } } });
    expect(rs.spec.replicas).toBe(1);
    expect(createErrors('replicasets.apps', rs)).toEqual(['spec.template.metadata.labels: Invalid value: {"tier":"nginx"}: `selector` does not match template `labels`']);
  });

  it('defaults a statefulset', () => {
    const sts = created('statefulsets.apps', {
      metadata: { ...meta },
      spec: { serviceName: 'web', selector: { matchLabels: { app: 'web' } }, template, volumeClaimTemplates: [{ metadata: { name: 'www' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }] },
    });
    expect(sts.spec.podManagementPolicy).toBe('OrderedReady');
    expect(sts.spec.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { partition: 0 } });
    expect(sts.spec.persistentVolumeClaimRetentionPolicy).toEqual({ whenDeleted: 'Retain', whenScaled: 'Retain' });
    expect(sts.spec.revisionHistoryLimit).toBe(10);
    expect(sts.spec.replicas).toBe(1);
    expect(sts.spec.volumeClaimTemplates[0]).toEqual({
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'www', creationTimestamp: null },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, volumeMode: 'Filesystem' },
      status: { phase: 'Pending' },
    });
    expect(createErrors('statefulsets.apps', sts)).toEqual([]);
  });

  it('forbids statefulset updates outside the mutable fields', () => {
    const old = created('statefulsets.apps', { metadata: { ...meta }, spec: { serviceName: 'web', selector: { matchLabels: { app: 'web' } }, template } });
    const next = structuredClone(old);
    next.spec.serviceName = 'other';
    expect(updated('statefulsets.apps', next, old).errors).toEqual([`spec: Forbidden: ${STS_UPDATE_FORBIDDEN}`]);
    const scaled = structuredClone(old);
    scaled.spec.replicas = 5;
    expect(updated('statefulsets.apps', scaled, old).errors).toEqual([]);
  });

  it('defaults a daemonset update strategy and keeps its selector', () => {
    const ds = created('daemonsets.apps', { metadata: { ...meta }, spec: { selector: { matchLabels: { app: 'web' } }, template } });
    expect(ds.spec.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } });
    expect(ds.spec.revisionHistoryLimit).toBe(10);
    const next = structuredClone(ds);
    next.spec.selector = { matchLabels: { app: 'x' } };
    next.spec.template.metadata.labels = { app: 'x' };
    expect(updated('daemonsets.apps', next, ds).errors).toEqual(['spec.selector: Invalid value: {"matchLabels":{"app":"x"}}: field is immutable']);
  });
});

describe('job and cronjob', () => {
  const jobTemplate = { spec: { restartPolicy: 'Never', containers: [{ name: 'pi', image: 'perl' }] } };

  it('defaults a job and generates its selector and labels', () => {
    const j = created('jobs.batch', { metadata: { name: 'pi', namespace: 'default', uid: 'abc' }, spec: { template: jobTemplate } });
    expect(j.spec.completions).toBe(1);
    expect(j.spec.parallelism).toBe(1);
    expect(j.spec.backoffLimit).toBe(6);
    expect(j.spec.completionMode).toBe('NonIndexed');
    expect(j.spec.suspend).toBe(false);
    expect(j.spec.podReplacementPolicy).toBe('TerminatingOrFailed');
    expect(j.spec.manualSelector).toBeUndefined();
    const labels = { 'batch.kubernetes.io/controller-uid': 'abc', 'batch.kubernetes.io/job-name': 'pi', 'controller-uid': 'abc', 'job-name': 'pi' };
    expect(j.spec.selector).toEqual({ matchLabels: { 'batch.kubernetes.io/controller-uid': 'abc' } });
    expect(j.spec.template.metadata.labels).toEqual(labels);
    expect(j.metadata.labels).toEqual(labels);
    expect(j.metadata.generation).toBe(1);
    expect(createErrors('jobs.batch', { metadata: { name: 'pi', uid: 'abc' }, spec: { template: jobTemplate } })).toEqual([]);
  });

  it('only parallelism set leaves completions unset', () => {
    const j = created('jobs.batch', { metadata: { name: 'pi', uid: 'abc' }, spec: { parallelism: 3, template: jobTemplate } });
    expect(j.spec.completions).toBeUndefined();
  });

  it('requires restartPolicy OnFailure or Never', () => {
    const t = { spec: { containers: [{ name: 'pi', image: 'perl' }] } };
    expect(createErrors('jobs.batch', { metadata: { name: 'pi', uid: 'abc' }, spec: { template: t } })).toEqual([
      'spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"',
    ]);
  });

  it('keeps the job template immutable', () => {
    const old = created('jobs.batch', { metadata: { name: 'pi', uid: 'abc' }, spec: { template: jobTemplate } });
    const next = structuredClone(old);
    next.spec.template.spec.containers[0].image = 'perl:5';
    const errs = updated('jobs.batch', next, old).errors;
    expect(errs).toHaveLength(1);
    expect(errs[0]).toMatch(/^spec\.template: Invalid value: \{.*\}: field is immutable$/);
  });

  it('defaults a cronjob', () => {
    const cj = created('cronjobs.batch', { metadata: { name: 'hello' }, spec: { schedule: '*/1 * * * *', jobTemplate: { spec: { template: jobTemplate } } } });
    expect(cj.spec).toMatchObject({ concurrencyPolicy: 'Allow', suspend: false, successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 1 });
    expect(createErrors('cronjobs.batch', cj)).toEqual([]);
  });

  it('reports bad schedules like robfig/cron', () => {
    const cj = (schedule: string) => ({ metadata: { name: 'hello' }, spec: { schedule, jobTemplate: { spec: { template: jobTemplate } } } });
    expect(createErrors('cronjobs.batch', cj('foo'))).toEqual(['spec.schedule: Invalid value: "foo": expected exactly 5 fields, found 1: [foo]']);
    expect(createErrors('cronjobs.batch', cj('70 * * * *'))).toEqual(['spec.schedule: Invalid value: "70 * * * *": end of range (70) above maximum (59): 70']);
    expect(createErrors('cronjobs.batch', cj('* * * * x'))).toEqual([
      'spec.schedule: Invalid value: "* * * * x": failed to parse int from x: strconv.Atoi: parsing "x": invalid syntax',
    ]);
    expect(createErrors('cronjobs.batch', cj('@hourly'))).toEqual([]);
    expect(createErrors('cronjobs.batch', cj('0 9 * * MON-FRI'))).toEqual([]);
    expect(createErrors('cronjobs.batch', { ...cj('* * * * *'), spec: { ...cj('* * * * *').spec, timeZone: 'Mars/Base' } })).toEqual([
      'spec.timeZone: Invalid value: "Mars/Base": unknown time zone Mars/Base',
    ]);
  });
});
