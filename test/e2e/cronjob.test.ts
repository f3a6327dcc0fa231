import { describe, it, expect } from 'vitest';
import { kubectl, until } from './kubectl';

const ns = 'cronjob-e2e';
const k = (...args: string[]) => kubectl(args);

const everyMinute = `apiVersion: batch/v1
kind: CronJob
metadata:
  name: tick
spec:
  schedule: "* * * * *"
  successfulJobsHistoryLimit: 1
  jobTemplate:
    metadata:
      labels:
        from: tick
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
          - name: tick
            image: busybox
            command: ["sh", "-c", "echo tick"]
`;

describe('the CronJob controller', () => {
  it('accepts a CronJob and prints its schedule; kubectl create job --from=cronjob runs it by hand', async () => {
    k('create', 'namespace', ns);
    // Created first: its first activation comes at the next minute while the rest runs.
    expect(kubectl(['apply', '-n', ns, '-f', '-'], { input: everyMinute }).stdout).toMatch(/^cronjob.batch\/tick created$/m);
    expect(k('create', 'cronjob', 'yearly', '-n', ns, '--image=busybox', '--schedule=@yearly', '--', 'sh', '-c', 'echo by hand').code).toBe(0);
    expect(k('get', 'cronjob', 'yearly', '-n', ns).stdout).toMatch(/^yearly +@yearly +<none> +False +0 +<none> /m);
    expect(k('create', 'job', 'manual', '--from=cronjob/yearly', '-n', ns).stdout).toMatch(/^job.batch\/manual created$/m);
    expect(k('get', 'job', 'manual', '-n', ns, '-o', 'jsonpath={.metadata.annotations.cronjob\\.kubernetes\\.io/instantiate}').stdout).toBe('manual');
    expect(await until(() => /^manual +Complete +1\/1 /m.test(k('get', 'job', 'manual', '-n', ns).stdout))).toBe(true);
    expect(k('logs', 'job/manual', '-n', ns).stdout).toBe('by hand\n');
    // A Job of ours it did not start: upstream's warning.
    expect(await until(() => /UnexpectedJob +cronjob\/yearly +Saw a job that the controller did not create or forgot: manual/.test(k('get', 'events', '-n', ns).stdout))).toBe(true);
  });

  it('refuses schedules and time zones kube-apiserver refuses', () => {
    const bad = k('create', 'cronjob', 'bad', '-n', ns, '--image=busybox', '--schedule=61 * * * *');
    expect(bad.stderr).toMatch(/spec.schedule: Invalid value: "61 \* \* \* \*": end of range \(61\) above maximum \(59\): 61/);
  });

  it('starts a Job at the next minute, named after it, owned by the CronJob', async () => {
    const scheduled = () => k('get', 'jobs', '-n', ns, '-l', 'from=tick', '-o', 'name').stdout.trim().split('\n').filter(Boolean);
    expect(await until(() => scheduled().length > 0, 75_000)).toBe(true);
    const name = scheduled()[0].replace('job.batch/', '');
    const minutes = Number(/^tick-(\d+)$/.exec(name)?.[1]);
    const stamp = k('get', 'job', name, '-n', ns, '-o', 'jsonpath={.metadata.annotations.batch\\.kubernetes\\.io/cronjob-scheduled-timestamp}').stdout;
    expect(Date.parse(stamp)).toBe(minutes * 60_000);
    expect(k('get', 'job', name, '-n', ns, '-o', 'jsonpath={.metadata.ownerReferences[0].kind}/{.metadata.ownerReferences[0].name}/{.metadata.ownerReferences[0].controller}').stdout).toBe('CronJob/tick/true');
    expect(await until(() => /^tick +\* \* \* \* \* +<none> +False +[01] +\d+s /m.test(k('get', 'cronjob', 'tick', '-n', ns).stdout))).toBe(true);
    expect(await until(() => new RegExp(`SawCompletedJob +cronjob/tick +Saw completed job: ${name}, condition: Complete`).test(k('get', 'events', '-n', ns).stdout))).toBe(true);
    expect(k('get', 'events', '-n', ns).stdout).toMatch(new RegExp(`SuccessfulCreate +cronjob/tick +Created job ${name}`));
    expect(k('get', 'cronjob', 'tick', '-n', ns, '-o', 'jsonpath={.status.lastSuccessfulTime}').stdout).toMatch(/^\d{4}-\d\d-\d\dT/);
  }, 120_000);

  it('starts nothing while suspended', async () => {
    expect(k('patch', 'cronjob', 'tick', '-n', ns, '-p', '{"spec":{"suspend":true}}').stdout).toMatch(/patched/);
    expect(k('get', 'cronjob', 'tick', '-n', ns).stdout).toMatch(/^tick +\* \* \* \* \* +<none> +True /m);
  });
});
