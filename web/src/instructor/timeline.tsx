/**
 * A student's audit timeline, newest first: who ran what, when, with what result. The requests of
 * one kubectl invocation (its Kubectl-Session) are one entry under the command kubectl named
 * (`kubectl scale`), each request with its verb, resource and response code. New records are
 * polled for every few seconds; older ones come a page at a time.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ApiError } from '../api/client';
import { ErrorNote } from '../components/ui';
import { age } from '../format';
import { COMMAND, SESSION, type AdminApi, type AuditEvent } from './api';
import { LiveStamp } from './roster';
import { useTick } from './poll';

const POLL_MS = 3000;
const PAGE = 200;

/** One entry of the timeline: a kubectl invocation, or a single request made otherwise. */
export interface Entry {
  key: string;
  /** `kubectl scale`, or undefined for a request without the header (the dashboard, a client library). */
  command?: string;
  user: string;
  userAgent?: string;
  /** Newest first, as the records come. */
  requests: AuditEvent[];
}

/** Group records (newest first) into entries: consecutive records of one kubectl session are one entry. */
export function groupEntries(events: AuditEvent[]): Entry[] {
  const out: Entry[] = [];
  for (const e of events) {
    const session = e.annotations[SESSION];
    const last = out[out.length - 1];
    if (session && last && last.key.startsWith(`s:${session}:`)) {
      last.requests.push(e);
      continue;
    }
    out.push({ key: session ? `s:${session}:${e.auditID}` : `r:${e.auditID}`, command: e.annotations[COMMAND], user: e.user.username, userAgent: e.userAgent, requests: [e] });
  }
  return out;
}

/** What a request did, as kubectl's verbs and resources name it: `patch deployments/web scale`. */
export function describeRequest(e: AuditEvent): { verb: string; what: string; ns?: string } {
  const r = e.objectRef;
  if (!r?.resource) return { verb: e.verb, what: e.requestURI.split('?')[0] };
  const res = r.apiGroup ? `${r.resource}.${r.apiGroup}` : r.resource;
  return { verb: e.verb, what: `${res}${r.name ? `/${r.name}` : ''}${r.subresource ? ` ${r.subresource}` : ''}`, ns: r.namespace };
}

/** Discovery and version checks (kubectl's, and the kubectl dispatcher's): noise in a timeline. */
export function isDiscovery(e: AuditEvent): boolean {
  return !e.objectRef?.resource && e.verb === 'get' && /^\/(version|api|apis|openapi)(\/|$|\?)/.test(e.requestURI);
}

const codeTone = (code: number) => (code < 300 ? 'ok' : code < 400 ? 'idle' : code === 404 || code === 409 ? 'warn' : 'bad');
const clock = (ts: string) => new Date(ts).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });

/** A short name for a client from its User-Agent (`kubectl.1.33/v1.33.1 (…)` → kubectl v1.33.1). */
function client(ua?: string): string {
  if (!ua) return 'unknown client';
  const k = /^kubectl[^/]*\/(v[\d.]+)/.exec(ua);
  if (k) return `kubectl ${k[1]}`;
  if (/Mozilla\//.test(ua)) return 'the dashboard';
  return ua.split(' ')[0];
}

export function Timeline({ api, room, student }: { api: AdminApi; room: string; student: string }) {
  const [events, setEvents] = useState<AuditEvent[]>([]);
  const [cont, setCont] = useState<string | undefined>();
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [at, setAt] = useState<number>();
  const [mine, setMine] = useState(true);
  const [writes, setWrites] = useState(false);
  const [discovery, setDiscovery] = useState(false);
  const [older, setOlder] = useState(false);
  // The instructor's own reads (the read-only view) are recorded too: left out by the server
  // unless asked for, so that a page of the timeline is a page of the student's requests.
  const user = mine ? `student:${student}` : undefined;
  const newest = useRef<AuditEvent[]>([]);
  newest.current = events;
  useTick(1000);

  useEffect(() => {
    let alive = true;
    let timer: ReturnType<typeof setTimeout>;
    setEvents([]);
    setLoaded(false);
    setCont(undefined);
    const first = async () => {
      try {
        const page = await api.audit(room, student, { limit: PAGE, user });
        if (!alive) return;
        setEvents(page.items);
        setCont(page.continue);
        setLoaded(true);
        setAt(Date.now());
        setError(undefined);
      } catch (e) {
        if (alive) setError(e as ApiError);
      }
      if (alive) timer = setTimeout(poll, POLL_MS);
    };
    // Newer records: from the newest one's time on (the same millisecond again, deduplicated).
    const poll = async () => {
      const top = newest.current[0];
      try {
        if (!document.hidden) {
          const page = await api.audit(room, student, { limit: PAGE, user, since: top ? Date.parse(top.requestReceivedTimestamp) : undefined });
          if (!alive) return;
          const seen = new Set(newest.current.map((e) => e.auditID));
          const fresh = page.items.filter((e) => !seen.has(e.auditID));
          // A stage update (a watch's final code) replaces the record it updates.
          const updated = new Map(page.items.filter((e) => seen.has(e.auditID)).map((e) => [e.auditID, e]));
          if (fresh.length || updated.size) setEvents((cur) => [...fresh, ...cur.map((e) => updated.get(e.auditID) ?? e)]);
          setAt(Date.now());
          setError(undefined);
        }
      } catch (e) {
        if (alive) setError(e as ApiError);
      }
      if (alive) timer = setTimeout(poll, POLL_MS);
    };
    void first();
    return () => {
      alive = false;
      clearTimeout(timer);
    };
  }, [room, student, user]);

  const loadOlder = async () => {
    if (!cont) return;
    setOlder(true);
    try {
      const page = await api.audit(room, student, { limit: PAGE, cont, user });
      const seen = new Set(events.map((e) => e.auditID));
      setEvents((cur) => [...cur, ...page.items.filter((e) => !seen.has(e.auditID))]);
      setCont(page.continue);
    } catch (e) {
      setError(e as ApiError);
    } finally {
      setOlder(false);
    }
  };

  const shown = useMemo(() => {
    let evs = events;
    if (writes) evs = evs.filter((e) => !['get', 'list', 'watch'].includes(e.verb));
    if (!discovery) evs = evs.filter((e) => !isDiscovery(e));
    return groupEntries(evs);
  }, [events, writes, discovery]);

  return (
    <section class="timeline" aria-label={`Audit timeline of ${student}`}>
      <div class="toolbar">
        <h2>Timeline</h2>
        <label class="check small">
          <input type="checkbox" checked={writes} onChange={(e) => setWrites((e.target as HTMLInputElement).checked)} /> Changes only
        </label>
        <label class="check small">
          <input type="checkbox" checked={discovery} onChange={(e) => setDiscovery((e.target as HTMLInputElement).checked)} /> Discovery
        </label>
        <label class="check small">
          <input type="checkbox" checked={!mine} onChange={(e) => setMine(!(e.target as HTMLInputElement).checked)} /> Show instructors' reads
        </label>
        <span class="spacer" />
        <LiveStamp at={at} failed={!!error} />
      </div>
      <ErrorNote error={error} />
      {!loaded && !error && <div class="empty">Loading the audit trail…</div>}
      {loaded && !shown.length && <div class="empty">Nothing recorded yet: the student's requests appear here as they make them.</div>}
      {shown.length > 0 && (
        <ol class="entries">
          {shown.map((en) => (
            <EntryView key={en.key} en={en} student={student} />
          ))}
        </ol>
      )}
      {cont && (
        <button class="btn" type="button" onClick={() => void loadOlder()} disabled={older}>
          {older ? 'Loading…' : 'Load older'}
        </button>
      )}
    </section>
  );
}

function EntryView({ en, student }: { en: Entry; student: string }) {
  // The command's first request is the last of the list (newest first).
  const first = en.requests[en.requests.length - 1];
  const worst = en.requests.reduce((w, r) => (r.responseStatus.code >= 400 && r.responseStatus.code > w ? r.responseStatus.code : w), 0);
  const code = worst || en.requests[0].responseStatus.code;
  const who = en.user === `student:${student}` ? undefined : en.user;
  const ts = first.requestReceivedTimestamp;
  return (
    <li class="entry" data-row tabIndex={0} data-command={en.command ?? ''}>
      <div class="entry-time" title={ts}>
        <time dateTime={ts}>{clock(ts)}</time>
        <span class="muted tiny">{age(ts)} ago</span>
      </div>
      <div class="entry-body">
        <div class="entry-head">
          {en.command ? <code class="command">{en.command}</code> : <span class="muted">{client(en.userAgent)}</span>}
          <span class={`badge ${codeTone(code)}`} title={`HTTP ${code}`}>
            {code}
          </span>
          {who && <span class="who">as {who}</span>}
        </div>
        <ul class="requests">
          {[...en.requests].reverse().map((r) => {
            const d = describeRequest(r);
            return (
              <li key={r.auditID} class="request">
                <span class="verb">{d.verb}</span> <span class="what">{d.what}</span>
                {d.ns && <span class="muted"> -n {d.ns}</span>}
                <span class={`req-code ${codeTone(r.responseStatus.code)}`}>{r.responseStatus.code}</span>
              </li>
            );
          })}
        </ul>
      </div>
    </li>
  );
}
