/** Small building blocks of every page: status badges, usage bars, empty and error states. */
import type { ComponentChildren } from 'preact';
import type { ApiError } from '../api/client';
import { tone } from '../format';

/** A status word in its colour (Running green, Pending amber, CrashLoopBackOff red…). */
export function Badge({ status, title }: { status: string; title?: string }) {
  return (
    <span class={`badge ${tone(status)}`} title={title}>
      {status}
    </span>
  );
}

/** A usage bar: `used` of `total`, labelled, red past 90%. */
export function Bar({ label, used, total, text }: { label: string; used: number; total: number; text: string }) {
  const pct = total > 0 ? Math.min(100, (used / total) * 100) : 0;
  return (
    <div class="bar" title={`${label}: ${text}`}>
      <div class="bar-head">
        <span>{label}</span>
        <span class="muted">{text}</span>
      </div>
      <div class="bar-track" role="meter" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(pct)}>
        <div class={`bar-fill${pct > 90 ? ' hot' : pct > 70 ? ' warm' : ''}`} style={{ width: `${pct}%` }} />
      </div>
    </div>
  );
}

/** A refused read, worded as the API worded it (Forbidden for a narrowed student). */
export function ErrorNote({ error }: { error?: ApiError }) {
  if (!error) return null;
  return (
    <div class="note bad" role="alert">
      <strong>{error.reason ?? `Error ${error.code}`}</strong> {error.message}
    </div>
  );
}

/** A page's title row: heading, a count, and actions on the right. */
export function PageHead({ title, sub, children }: { title: ComponentChildren; sub?: ComponentChildren; children?: ComponentChildren }) {
  return (
    <div class="page-head">
      <div>
        <h1>{title}</h1>
        {sub && <div class="muted">{sub}</div>}
      </div>
      <div class="page-actions">{children}</div>
    </div>
  );
}

/** What a page shows while its first list is on the way, or when it is empty. */
export function Empty({ synced, children }: { synced: boolean; children: ComponentChildren }) {
  return <div class="empty">{synced ? children : 'Loading…'}</div>;
}
