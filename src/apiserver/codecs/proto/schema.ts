/**
 * Notation of the wire tables in this folder.
 *
 * Each Kubernetes Go type that travels in `application/vnd.kubernetes.protobuf` bodies is one
 * message, named `<group>.<GoType>` (e.g. `core.Container`, `meta.ObjectMeta`). A message maps the
 * Go json name of each field to `[protobuf field number, type, flags]`.
 *
 * Types:
 *  - scalars: `string`, `int32`, `int64`, `bool`, `double`, `bytes` (JSON: base64 string);
 *  - another message: `core.PodSpec`;
 *  - apimachinery types with their own wire form and JSON form (see ./decode.ts):
 *    `Time`, `MicroTime`, `Quantity`, `IntOrString`, `FieldsV1` (metav1.Duration and
 *    runtime.RawExtension occur in none of the tabled kinds, so they are not handled);
 *  - `map:<key>:<value>`: a protobuf map (repeated entries {1: key, 2: value}), JSON object;
 *  - `list:<item>` (only as a map value): a Go named slice such as authentication `ExtraValue`,
 *    sent as a wrapper message {repeated items = 1}.
 *
 * Flags (letters, any order) say how the Go field is declared, which decides what the JSON codec
 * writes when the value is zero or missing:
 *  - `r`: a slice (protobuf `repeated`);
 *  - `p`: a pointer (nil when absent from the wire);
 *  - `o`: the json tag has `omitempty`.
 *
 * A key starting with `...` is an embedded Go struct whose fields the json codec inlines into the
 * parent object (e.g. `core.Volume` `...volumeSource`); on the wire it is a nested message.
 */

/** One field: [protobuf field number, type, flags]. */
export type FieldDef = readonly [num: number, type: string, flags?: string];

/** One message: Go json name (or `...protoName` for inlined embeds) → field. */
export type MessageDef = Readonly<Record<string, FieldDef>>;

/** Messages by qualified name (`core.Container`). */
export type MessageTable = Readonly<Record<string, MessageDef>>;
