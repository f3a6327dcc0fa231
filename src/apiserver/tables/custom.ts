/**
 * Tables of custom resources, after apiextensions-apiserver's tableconvertor: the Name column,
 * then the version's additionalPrinterColumns (upstream's Age column when it names none), each
 * cell the first value its JSONPath finds, typed by the column (`integer`, `number`, `boolean`,
 * `string`, `date` as a human duration); a path that finds nothing gives an empty cell.
 */
import { NAME_COLUMN, humanDuration, nameOf, parseTime, type ColumnDefinition, type TableRow } from './helpers';
import { findJSONPath, parseJSONPath } from './jsonpath';
import type { PrinterColumn } from '../../resources/customresource/serving';

/** One column's cell for a found value (cellForJSONValue upstream). */
function cell(type: string, value: unknown, now: Date): unknown {
  if (value === undefined || value === null) return null;
  switch (type) {
    case 'integer':
      return typeof value === 'number' ? Math.trunc(value) : null;
    case 'number':
      return typeof value === 'number' ? value : null;
    case 'boolean':
      return typeof value === 'boolean' ? value : null;
    case 'date': {
      if (typeof value !== 'string') return null;
      const t = parseTime(value);
      return t === undefined ? '<invalid>' : humanDuration(now.getTime() - t);
    }
    case 'string':
      // jsonpath's PrintResults: strings as they are, anything else as JSON.
      return typeof value === 'string' ? value : JSON.stringify(value);
  }
  return null;
}

/** The Table columns and rows of custom resources printed with `columns`. */
export function printCustomTable(columns: PrinterColumn[], objects: any[], now: Date): { columnDefinitions: ColumnDefinition[]; rows: TableRow[] } {
  const parsed = columns.map((c) => {
    try {
      return parseJSONPath(c.jsonPath);
    } catch {
      return undefined;
    }
  });
  const columnDefinitions: ColumnDefinition[] = [
    { ...NAME_COLUMN },
    ...columns.map((c) => ({
      name: c.name,
      type: c.type,
      format: c.format ?? '',
      description: c.description || `Custom resource definition column (in JSONPath format): ${c.jsonPath}`,
      priority: c.priority ?? 0,
    })),
  ];
  const rows = objects.map((o) => ({
    cells: [nameOf(o), ...columns.map((c, i) => (parsed[i] ? cell(c.type, findJSONPath(o, parsed[i]!)[0], now) : null))],
  }));
  return { columnDefinitions, rows };
}
