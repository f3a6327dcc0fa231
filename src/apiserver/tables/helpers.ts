/**
 * Shared building blocks for the server-side Table printers: column/row shapes,
 * upstream's human-readable durations, and the small formatting rules
 * (`<none>`, `<unknown>`, label and selector strings) the printers share.
 *
 * Mirrors k8s.io/apimachinery/pkg/util/duration, pkg/labels and
 * pkg/printers/internalversion/printers.go helpers (v1.33) — own implementation.
 */
import { DOC } from './descriptions';

/** One meta.k8s.io/v1 TableColumnDefinition; all five fields are always serialized. */
export interface ColumnDefinition {
  name: string;
  type: string;
  format: string;
  description: string;
  priority: number;
}

/** meta.k8s.io/v1 TableRowCondition (only pods emit these upstream). */
export interface RowCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}

/** One Table row: the cells in column order, plus optional row conditions. */
export interface TableRow {
  cells: unknown[];
  conditions?: RowCondition[];
}

/** A printer for one resource: its column definitions and a row builder. */
export interface TablePrinter {
  columns: ColumnDefinition[];
  row(obj: any, now: Date): TableRow;
}

/** Builds a column definition; `priority` 1 means `-o wide` only. */
export function col(name: string, type: string, description: string, priority = 0, format = ''): ColumnDefinition {
  return { name, type, format, description, priority };
}

/** The `Name` column every printer starts with (format "name"). */
export const NAME_COLUMN: ColumnDefinition = col('Name', 'string', DOC.name, 0, 'name');
/** The `Age` column (a human duration since creationTimestamp). */
export const AGE_COLUMN: ColumnDefinition = col('Age', 'string', DOC.creationTimestamp);
/** Wide `Containers` column shared by workload printers. */
export const CONTAINERS_COLUMN: ColumnDefinition = col('Containers', 'string', 'Names of each container in the template.', 1);
/** Wide `Images` column shared by workload printers. */
export const IMAGES_COLUMN: ColumnDefinition = col('Images', 'string', 'Images referenced by each container in the template.', 1);

/**
 * Human-readable duration exactly as apimachinery's duration.HumanDuration:
 * ~2-3 significant figures (`59s`, `119s`, `2m`, `5m30s`, `3h`, `7h5m`, `45h`, `2d3h`, `20d`, `2y100d`, `9y`).
 * Input in milliseconds; anything below -1s is `<invalid>`, -1s..0 is `0s`.
 */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.trunc(ms / 60_000);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.trunc(ms / 3_600_000);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  const days = Math.trunc(hours / 24);
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${days}d` : `${days}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${days}d`;
  const years = Math.trunc(days / 365);
  if (hours < 24 * 365 * 8) {
    const dy = days % 365;
    return dy === 0 ? `${years}y` : `${years}y${dy}d`;
  }
  return `${years}y`;
}

/** Parses an RFC3339 timestamp; undefined for missing, unparseable or Go's zero time. */
export function parseTime(ts: unknown): number | undefined {
  if (typeof ts !== 'string' || ts === '') return undefined;
  const t = Date.parse(ts);
  if (Number.isNaN(t) || t <= -62135596800000) return undefined; // 0001-01-01T00:00:00Z is Go's zero
  return t;
}

/** Upstream translateTimestampSince: `<unknown>` for a zero time, else the human duration since `ts`. */
export function since(ts: unknown, now: Date): string {
  const t = parseTime(ts);
  return t === undefined ? '<unknown>' : humanDuration(now.getTime() - t);
}

/** AGE cell of an object: human duration since metadata.creationTimestamp. */
export function age(obj: any, now: Date): string {
  return since(obj?.metadata?.creationTimestamp, now);
}

/** metadata.name or "" (Go's zero value). */
export function nameOf(obj: any): string {
  return obj?.metadata?.name ?? '';
}

/** Go's strings.Join over a possibly-missing array. */
export function joinList(items: unknown, sep: string): string {
  return Array.isArray(items) ? items.join(sep) : '';
}

/** labels.FormatLabels: `k=v` pairs sorted by key, comma-joined; `<none>` when empty. */
export function formatLabels(m: Record<string, string> | undefined | null): string {
  const keys = Object.keys(m ?? {}).sort();
  if (keys.length === 0) return '<none>';
  return keys.map((k) => `${k}=${m![k]}`).join(',');
}

/**
 * metav1.LabelSelectorAsSelector(sel).String(): requirements sorted by key; "" for
 * nil/empty selectors; undefined when an operator is invalid (upstream returns an error).
 */
export function labelSelectorString(sel: any): string | undefined {
  if (sel == null) return '';
  const reqs: { key: string; text: string }[] = [];
  for (const [k, v] of Object.entries((sel.matchLabels ?? {}) as Record<string, string>)) {
    reqs.push({ key: k, text: `${k}=${v}` });
  }
  for (const e of (sel.matchExpressions ?? []) as any[]) {
    const values = [...((e.values ?? []) as string[])].sort();
    const vals = values.length === 1 ? values[0] : values.join(',');
    switch (e.operator) {
      case 'In':
        reqs.push({ key: e.key, text: `${e.key} in (${vals})` });
        break;
      case 'NotIn':
        reqs.push({ key: e.key, text: `${e.key} notin (${vals})` });
        break;
      case 'Exists':
        reqs.push({ key: e.key, text: e.key });
        break;
      case 'DoesNotExist':
        reqs.push({ key: e.key, text: `!${e.key}` });
        break;
      default:
        return undefined;
    }
  }
  reqs.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return reqs.map((r) => r.text).join(',');
}

/** metav1.FormatLabelSelector: the selector string, `<none>` when empty, `<error>` when invalid. */
export function formatLabelSelector(sel: any): string {
  const s = labelSelectorString(sel);
  if (s === undefined) return '<error>';
  return s === '' ? '<none>' : s;
}

/** layoutContainerCells: container names and images, each comma-joined. */
export function containerCells(containers: any[] | undefined): [string, string] {
  const list = containers ?? [];
  return [list.map((c) => c?.name ?? '').join(','), list.map((c) => c?.image ?? '').join(',')];
}

/** printBoolPtr: `True`/`False`, `<unset>` when absent. */
export function boolPtr(v: unknown): string {
  if (typeof v !== 'boolean') return '<unset>';
  return v ? 'True' : 'False';
}

/** Go's net.JoinHostPort: brackets IPv6 hosts. */
export function joinHostPort(host: string, port: number | string): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** A list capped at `max` items with upstream's ` + N more...` suffix; `<unset>` if empty (listWithMoreString). */
export function listWithMore(list: string[], count: number, max: number): string {
  const shown = list.slice(0, max).join(',');
  if (count > max) return `${shown} + ${count - max} more...`;
  return shown === '' ? '<unset>' : shown;
}

/** Go int conversion of a JSON number (missing → 0). */
export function int(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) ? Math.trunc(v) : 0;
}
