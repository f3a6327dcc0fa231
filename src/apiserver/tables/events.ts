/**
 * Event table, shared by core/v1 `events` and `events.k8s.io` `events` (upstream serves both
 * from one storage, so both print via printEvent in printers.go, v1.33):
 * LAST SEEN TYPE REASON OBJECT MESSAGE; wide SUBOBJECT SOURCE FIRST SEEN COUNT NAME.
 */
import { DOC } from './descriptions';
import { NAME_COLUMN, col, nameOf, parseTime, since, type TablePrinter } from './helpers';

/** Reads an events.k8s.io/v1 Event in the core/v1 field layout (the internal type both share). */
function asCoreEvent(ev: any): any {
  if (!ev || (ev.regarding === undefined && ev.note === undefined && ev.deprecatedSource === undefined &&
    ev.deprecatedFirstTimestamp === undefined && ev.deprecatedLastTimestamp === undefined &&
    ev.deprecatedCount === undefined)) {
    return ev;
  }
  return {
    ...ev,
    involvedObject: ev.regarding ?? ev.involvedObject ?? {},
    message: ev.note ?? ev.message,
    source: ev.deprecatedSource ?? ev.source,
    firstTimestamp: ev.deprecatedFirstTimestamp ?? ev.firstTimestamp,
    lastTimestamp: ev.deprecatedLastTimestamp ?? ev.lastTimestamp,
    count: ev.deprecatedCount ?? ev.count,
  };
}

/** formatEventSource: component (else reportingController), then `, host` (else reportingInstance) when set. */
function eventSource(ev: any): string {
  const component = ev?.source?.component || ev?.reportingController || '';
  const host = ev?.source?.host || ev?.reportingInstance || '';
  return host ? `${component}, ${host}` : component;
}

/** events (core/v1 and events.k8s.io/v1). */
export const eventPrinter: TablePrinter = {
  columns: [
    col('Last Seen', 'string', DOC.evLastTimestamp),
    col('Type', 'string', DOC.evType),
    col('Reason', 'string', DOC.evReason),
    col('Object', 'string', DOC.evInvolvedObject),
    col('Subobject', 'string', DOC.evFieldPath, 1),
    col('Source', 'string', DOC.evSource, 1),
    col('Message', 'string', DOC.evMessage),
    col('First Seen', 'string', DOC.evFirstTimestamp, 1),
    col('Count', 'string', DOC.evCount, 1),
    { ...NAME_COLUMN, priority: 1 },
  ],
  row(raw, now) {
    const ev = asCoreEvent(raw);
    const first = parseTime(ev?.firstTimestamp) !== undefined ? since(ev.firstTimestamp, now) : since(ev?.eventTime, now);
    let last = parseTime(ev?.lastTimestamp) !== undefined ? since(ev.lastTimestamp, now) : first;
    let count: number = ev?.count ?? 0;
    if (ev?.series) {
      last = since(ev.series.lastObservedTime, now);
      count = ev.series.count ?? 0;
    } else if (count === 0) {
      count = 1; // singleton events carry no count in the new API
    }
    const obj = ev?.involvedObject ?? {};
    const kind = String(obj.kind ?? '').toLowerCase();
    const target = obj.name ? `${kind}/${obj.name}` : kind;
    return {
      cells: [
        last, ev?.type ?? '', ev?.reason ?? '', target, obj.fieldPath ?? '', eventSource(ev),
        String(ev?.message ?? '').trim(), first, count, nameOf(ev),
      ],
    };
  },
};
