import { describe, it, expect } from 'vitest';
import { ApiserverMetrics, requestLabels } from '../../../src/apiserver/instrumentation/request-metrics';
import { expose, formatValue } from '../../../src/apiserver/instrumentation/exposition';
import { requestInfo } from '../../../src/apiserver/request-info';

const labels = (method: string, path: string, query = '', contentType: string | null = null) => {
  const q = new URLSearchParams(query);
  return requestLabels(method, requestInfo(method, path, q), q, contentType);
};

describe('apiserver request metrics', () => {
  it('labels requests with upstream\'s reported verb and scope', () => {
    expect(labels('GET', '/api/v1/namespaces/default/pods')).toEqual({ verb: 'LIST', dry_run: '', group: '', version: 'v1', resource: 'pods', subresource: '', scope: 'namespace', component: 'apiserver' });
    expect(labels('GET', '/api/v1/namespaces/default/pods/web')).toMatchObject({ verb: 'GET', scope: 'resource' });
    expect(labels('GET', '/apis/apps/v1/deployments', 'watch=true')).toMatchObject({ verb: 'WATCH', group: 'apps', scope: 'cluster' });
    expect(labels('PATCH', '/apis/apps/v1/namespaces/d/deployments/web', 'dryRun=All', 'application/apply-patch+yaml')).toMatchObject({ verb: 'APPLY', dry_run: 'All' });
    expect(labels('PATCH', '/apis/apps/v1/namespaces/d/deployments/web/scale', '', 'application/merge-patch+json')).toMatchObject({ verb: 'PATCH', subresource: 'scale' });
    expect(labels('POST', '/api/v1/namespaces/d/pods/web/exec', 'command=sh')).toMatchObject({ verb: 'CONNECT', subresource: 'exec' });
    expect(labels('DELETE', '/api/v1/namespaces/d/configmaps')).toMatchObject({ verb: 'DELETE', scope: 'namespace' });
  });

  it('counts the health endpoints by path, and leaves discovery, /version and /metrics out', () => {
    expect(labels('GET', '/readyz')).toEqual({ verb: 'GET', dry_run: '', group: '', version: '', resource: '', subresource: '/readyz', scope: '', component: '' });
    expect(labels('GET', '/livez/ping')).toMatchObject({ subresource: '/livez/ping' });
    for (const p of ['/api', '/apis', '/version', '/metrics', '/openapi/v3']) expect(labels('GET', p)).toBeUndefined();
  });

  it('exposes counters, the latency histogram, requests in flight and stored objects', () => {
    const m = new ApiserverMetrics(Date.parse('2026-01-01T00:00:00Z'));
    const list = labels('GET', '/api/v1/namespaces/default/pods')!;
    m.start('GET', list)(200, 0.003);
    m.start('GET', list)(200, 0.03);
    m.start('GET', list)(403, 0.001);
    const open = m.start('POST', labels('POST', '/api/v1/namespaces/default/pods'));
    m.start('GET', undefined); // a /metrics read, in flight while it is served
    const text = expose(m.families(new Map([['pods', 12], ['deployments.apps', 2]])));
    const line = (prefix: string) => text.split('\n').find((l) => l.startsWith(prefix));
    const series = 'code="200",component="apiserver",dry_run="",group="",resource="pods",scope="namespace",subresource="",verb="LIST",version="v1"';
    expect(text).toContain('# TYPE apiserver_request_total counter\n');
    expect(line(`apiserver_request_total{${series}}`)).toBe(`apiserver_request_total{${series}} 2`);
    expect(line('apiserver_request_total{code="403"')).toMatch(/ 1$/);
    const h = 'component="apiserver",dry_run="",group="",resource="pods",scope="namespace",subresource="",verb="LIST",version="v1"';
    expect(line(`apiserver_request_duration_seconds_bucket{${h},le="0.005"}`)).toMatch(/ 2$/);
    expect(line(`apiserver_request_duration_seconds_bucket{${h},le="0.05"}`)).toMatch(/ 3$/);
    expect(line(`apiserver_request_duration_seconds_bucket{${h},le="+Inf"}`)).toMatch(/ 3$/);
    expect(line(`apiserver_request_duration_seconds_count{${h}}`)).toMatch(/ 3$/);
    expect(Number(line(`apiserver_request_duration_seconds_sum{${h}}`)!.split(' ')[1])).toBeCloseTo(0.034, 6);
    expect(line('apiserver_current_inflight_requests{request_kind="mutating"}')).toMatch(/ 1$/);
    expect(line('apiserver_current_inflight_requests{request_kind="readOnly"}')).toMatch(/ 1$/);
    expect(line('apiserver_storage_objects{resource="deployments.apps"}')).toMatch(/ 2$/);
    expect(text.indexOf('apiserver_storage_objects{resource="deployments.apps"}')).toBeLessThan(text.indexOf('apiserver_storage_objects{resource="pods"}'));
    expect(line('kubernetes_build_info{')).toMatch(/git_version="v1\.33\.\d+".*minor="33".* 1$/);
    expect(line('process_start_time_seconds ')).toBe('process_start_time_seconds 1.7672256e+09');
    open(201, 0.01);
    expect(expose(m.families(new Map()))).toContain('apiserver_current_inflight_requests{request_kind="mutating"} 0\n');
  });

  it('formats values as Go does', () => {
    expect([0, 1, 0.25, 123456, 1234567, 0.00001, Infinity].map(formatValue)).toEqual(['0', '1', '0.25', '123456', '1.234567e+06', '1e-05', '+Inf']);
  });
});
