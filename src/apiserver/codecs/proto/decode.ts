/**
 * Table-driven protobuf → JSON decoding of Kubernetes API messages.
 *
 * The output is the object the apiserver's JSON codec would write for the same Go value after
 * decoding the protobuf, i.e. Go `encoding/json` rules applied to the Go struct declarations
 * recorded in the tables (see ./schema.ts):
 *  - a zero scalar is dropped only when the json tag has omitempty, else written ("", 0, false);
 *  - a nil pointer / slice / map / []byte is dropped with omitempty, else written as null;
 *  - a non-pointer struct is always written (omitempty never drops structs), so an absent
 *    `status` becomes `{}` and an absent `metadata.creationTimestamp` becomes null (zero
 *    metav1.Time marshals to null);
 *  - embedded structs with an empty json name are inlined into the parent object.
 * Unknown field numbers are skipped, as gogo-protobuf's generated Unmarshal does.
 */
import protobuf from 'protobufjs/minimal.js';
import { MESSAGES } from './index.js';
import type { FieldDef } from './schema.js';

const { Reader } = protobuf;
type ReaderT = InstanceType<typeof Reader>;
type Json = unknown;
type JsonObject = Record<string, Json>;

/** Thrown for bytes that are not a well-formed encoding of the expected message. */
export class ProtobufDecodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProtobufDecodeError';
  }
}

interface Field {
  key: string;
  num: number;
  type: string;
  inline: boolean;
  repeated: boolean;
  pointer: boolean;
  omitempty: boolean;
  /** For `map:string:<v>` fields: the value type. */
  mapValue?: string;
}
interface Compiled {
  fields: Field[];
  byNum: Map<number, Field>;
}

const compiled = new Map<string, Compiled>();

function compile(name: string): Compiled {
  let c = compiled.get(name);
  if (c) return c;
  if (!Object.hasOwn(MESSAGES, name)) throw new Error(`protobuf: no wire table for message ${name}`);
  const fields = Object.entries(MESSAGES[name]).map(([key, def]: [string, FieldDef]): Field => {
    const [num, type, flags = ''] = def;
    const f: Field = {
      key, num, type,
      inline: key.startsWith('...'),
      repeated: flags.includes('r'),
      pointer: flags.includes('p'),
      omitempty: flags.includes('o'),
    };
    if (type.startsWith('map:')) f.mapValue = type.slice(type.indexOf(':', 4) + 1);
    return f;
  });
  c = { fields, byNum: new Map(fields.map((f) => [f.num, f])) };
  compiled.set(name, c);
  return c;
}

const SCALAR_WIRE: Readonly<Record<string, number>> = { int32: 0, int64: 0, bool: 0, double: 1 };

function wireTypeOf(type: string): number {
  return SCALAR_WIRE[type] ?? 2;
}

function toNumber(v: unknown): number {
  return typeof v === 'number' ? v : (v as { toNumber(): number }).toNumber();
}

/** Reads one value of `type` whose tag has just been read. */
function readValue(r: ReaderT, type: string, wire: number): Json {
  const want = wireTypeOf(type);
  if (wire !== want) throw new ProtobufDecodeError(`protobuf: wrong wire type ${wire} for ${type} (want ${want})`);
  switch (type) {
    case 'string': return r.string();
    case 'bytes': return r.bytes();
    case 'int32': return r.int32();
    case 'int64': return toNumber(r.int64());
    case 'bool': return r.bool();
    case 'double': return r.double();
    default: return decodeTyped(r.bytes(), type);
  }
}

/** Iterates the (field number, wire type) tags of a message, calling `onField` with the reader positioned on the value. */
function eachField(buf: Uint8Array, onField: (r: ReaderT, num: number, wire: number) => boolean): void {
  const r = Reader.create(buf);
  while (r.pos < r.len) {
    const tag = r.uint32();
    const num = tag >>> 3;
    const wire = tag & 7;
    if (num === 0) throw new ProtobufDecodeError('protobuf: illegal field number 0');
    if (!onField(r, num, wire)) r.skipType(wire);
  }
}

/** Decodes the well-known apimachinery types and plain messages. */
function decodeTyped(buf: Uint8Array, type: string): Json {
  switch (type) {
    case 'Time':
    case 'MicroTime':
      return decodeTime(buf, type === 'MicroTime');
    case 'Quantity': {
      // resource.Quantity travels as its canonical string {string = 1}; JSON writes the same string.
      let s = '';
      eachField(buf, (r, num, wire) => (num === 1 && wire === 2 ? ((s = r.string()), true) : false));
      return s === '' ? '0' : s;
    }
    case 'IntOrString': {
      // intstr.IntOrString {type = 1 (0 Int, 1 String), intVal = 2, strVal = 3} → JSON number or string.
      let kind = 0; let intVal = 0; let strVal = '';
      eachField(buf, (r, num, wire) => {
        if (num === 1 && wire === 0) kind = toNumber(r.int64());
        else if (num === 2 && wire === 0) intVal = r.int32();
        else if (num === 3 && wire === 2) strVal = r.string();
        else return false;
        return true;
      });
      return kind === 1 ? strVal : intVal;
    }
    case 'FieldsV1': {
      // metav1.FieldsV1 {Raw = 1}: the raw JSON of the managed-fields set, written verbatim.
      let raw: Uint8Array | undefined;
      eachField(buf, (r, num, wire) => (num === 1 && wire === 2 ? ((raw = r.bytes()), true) : false));
      if (!raw || raw.length === 0) return null;
      try {
        return JSON.parse(new TextDecoder().decode(raw));
      } catch {
        throw new ProtobufDecodeError('protobuf: FieldsV1 does not hold JSON');
      }
    }
    default:
      return decodeMessage(buf, type);
  }
}

/**
 * metav1.Time / MicroTime travel as {seconds = 1, nanos = 2}; an empty message is the zero time,
 * which marshals to JSON null. Time is written as RFC3339 in UTC with whole seconds, MicroTime with
 * six fractional digits (apimachinery time.go / micro_time.go MarshalJSON).
 */
function decodeTime(buf: Uint8Array, micro: boolean): Json {
  if (buf.length === 0) return null;
  let seconds = 0; let nanos = 0;
  eachField(buf, (r, num, wire) => {
    if (num === 1 && wire === 0) seconds = toNumber(r.int64());
    else if (num === 2 && wire === 0) nanos = r.int32();
    else return false;
    return true;
  });
  const iso = new Date(seconds * 1000).toISOString(); // YYYY-MM-DDTHH:MM:SS.sssZ
  const base = iso.slice(0, 19);
  if (!micro) return `${base}Z`;
  return `${base}.${String(Math.floor(nanos / 1000)).padStart(6, '0')}Z`;
}

function decodeMapEntry(buf: Uint8Array, valueType: string): [string, Json] {
  let key = '';
  let value: Json;
  let has = false;
  eachField(buf, (r, num, wire) => {
    if (num === 1) {
      if (wire !== 2) throw new ProtobufDecodeError('protobuf: map key must be a string');
      key = r.string();
    } else if (num === 2) {
      value = valueType.startsWith('list:') ? decodeList(readLen(r, wire), valueType.slice(5)) : readValue(r, valueType, wire);
      has = true;
    } else return false;
    return true;
  });
  return [key, has ? convertScalar(value, valueType) : zeroMapValue(valueType)];
}

function readLen(r: ReaderT, wire: number): Uint8Array {
  if (wire !== 2) throw new ProtobufDecodeError(`protobuf: wrong wire type ${wire} for a message`);
  return r.bytes();
}

/** A Go named slice (e.g. authentication ExtraValue) sent as {repeated items = 1}; nil → null. */
function decodeList(buf: Uint8Array, itemType: string): Json {
  const items: Json[] = [];
  eachField(buf, (r, num, wire) => (num === 1 ? (items.push(convertScalar(readValue(r, itemType, wire), itemType)), true) : false));
  return items.length ? items : null;
}

function zeroMapValue(type: string): Json {
  switch (type) {
    case 'string': case 'bytes': return '';
    case 'int32': case 'int64': case 'double': return 0;
    case 'bool': return false;
    default: return type.startsWith('list:') ? null : decodeTyped(new Uint8Array(0), type);
  }
}

/** []byte becomes a base64 string in JSON; everything else is already JSON. */
function convertScalar(v: Json, type: string): Json {
  return type === 'bytes' ? base64(v as Uint8Array) : v;
}

function base64(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(bin);
}

function isScalar(type: string): boolean {
  return type === 'string' || type === 'int32' || type === 'int64' || type === 'bool' || type === 'double';
}

function zeroScalar(type: string): Json {
  return type === 'string' ? '' : type === 'bool' ? false : 0;
}

/**
 * Decodes the message `name` (e.g. `apps.Deployment`) from `buf` into the object the Kubernetes
 * JSON codec would produce for it. Throws ProtobufDecodeError on malformed input.
 */
export function decodeMessage(buf: Uint8Array, name: string): JsonObject {
  const { fields, byNum } = compile(name);
  const values = new Map<Field, Json>();
  eachField(buf, (r, num, wire) => {
    const f = byNum.get(num);
    if (!f) return false;
    if (f.mapValue !== undefined) {
      const [k, v] = decodeMapEntry(readLen(r, wire), f.mapValue);
      const obj = (values.get(f) as JsonObject | undefined) ?? {};
      obj[k] = v;
      values.set(f, obj);
    } else if (f.repeated) {
      const arr = (values.get(f) as Json[] | undefined) ?? [];
      if (wire === 2 && wireTypeOf(f.type) !== 2) {
        // packed encoding of a repeated number/bool
        const end = r.uint32() + r.pos;
        while (r.pos < end) arr.push(readValue(r, f.type, wireTypeOf(f.type)));
      } else {
        arr.push(convertScalar(readValue(r, f.type, wire), f.type));
      }
      values.set(f, arr);
    } else {
      values.set(f, readValue(r, f.type, wire));
    }
    return true;
  });

  const out: JsonObject = {};
  for (const f of fields) {
    const has = values.has(f);
    const v = values.get(f);
    if (f.inline) {
      Object.assign(out, has ? v : decodeTyped(new Uint8Array(0), f.type));
    } else if (f.repeated || f.mapValue !== undefined || f.pointer) {
      if (has) out[f.key] = convertScalar(v, f.type);
      else if (!f.omitempty) out[f.key] = null;
    } else if (f.type === 'bytes') {
      // a non-nil []byte (even empty) is written; omitempty drops the empty one
      if (has && !(f.omitempty && (v as Uint8Array).length === 0)) out[f.key] = base64(v as Uint8Array);
      else if (!has && !f.omitempty) out[f.key] = null;
    } else if (isScalar(f.type)) {
      const val = has ? v : zeroScalar(f.type);
      if (!(f.omitempty && val === zeroScalar(f.type))) out[f.key] = val;
    } else {
      out[f.key] = has ? v : decodeTyped(new Uint8Array(0), f.type);
    }
  }
  return out;
}
