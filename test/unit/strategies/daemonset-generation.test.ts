import { describe, it, expect } from 'vitest';
import { daemonSetStrategy, TEMPLATE_GENERATION } from '../../../src/resources/daemonset/strategy';

const ds = (image: string, replicasLabel = 'a') => ({
  apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'd', namespace: 'x', labels: { l: replicasLabel } },
  spec: { selector: { matchLabels: { app: 'd' } }, template: { metadata: { labels: { app: 'd' } }, spec: { containers: [{ name: 'c', image }] } } },
});

describe('the DaemonSet template generation', () => {
  it('starts at 1 and counts template changes only', () => {
    const created: any = ds('nginx:1.25');
    daemonSetStrategy.prepareForCreate!(created);
    expect(created.metadata.annotations[TEMPLATE_GENERATION]).toBe('1');
    const relabelled: any = { ...ds('nginx:1.25', 'b'), metadata: { ...ds('nginx:1.25', 'b').metadata, annotations: {} } };
    daemonSetStrategy.prepareForUpdate!(relabelled, created);
    expect(relabelled.metadata.annotations[TEMPLATE_GENERATION]).toBe('1');
    const changed: any = ds('nginx:1.26');
    daemonSetStrategy.prepareForUpdate!(changed, created);
    expect(changed.metadata.annotations[TEMPLATE_GENERATION]).toBe('2');
  });
});
