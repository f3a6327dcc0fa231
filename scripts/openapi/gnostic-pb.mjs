// Encodes a swagger 2.0 document as the protobuf `openapi.v2.Document` of google/gnostic, which
// kubectl 1.27/1.28 request from /openapi/v2 with
// `Accept: application/com.github.proto-openapi.spec.v2@v1.0+protobuf`.
// Only the messages kube-apiserver's document uses are described, by field number, in our own
// protobufjs descriptor (field numbers as in gnostic's openapiv2/OpenAPIv2.proto).
import protobuf from 'protobufjs';

const f = (id, type, rule) => ({ id, type, ...(rule && { rule }) });
const rep = (id, type) => f(id, type, 'repeated');
const named = (valueType) => ({ fields: { name: f(1, 'string'), value: f(2, valueType) } });

const MESSAGES = {
  Any: { fields: { yaml: f(2, 'string') } },
  NamedAny: named('Any'),
  Info: { fields: { title: f(1, 'string'), version: f(2, 'string'), description: f(3, 'string') } },
  Document: {
    fields: {
      swagger: f(1, 'string'), info: f(2, 'Info'), paths: f(8, 'Paths'), definitions: f(9, 'Definitions'),
    },
  },
  Paths: { fields: { path: rep(2, 'NamedPathItem') } },
  NamedPathItem: named('PathItem'),
  PathItem: {
    fields: {
      get: f(2, 'Operation'), put: f(3, 'Operation'), post: f(4, 'Operation'), delete: f(5, 'Operation'),
      patch: f(8, 'Operation'), parameters: rep(9, 'ParametersItem'),
    },
  },
  Operation: {
    fields: {
      tags: rep(1, 'string'), description: f(3, 'string'), operationId: f(5, 'string'),
      produces: rep(6, 'string'), consumes: rep(7, 'string'), parameters: rep(8, 'ParametersItem'),
      responses: f(9, 'Responses'), schemes: rep(10, 'string'), vendorExtension: rep(13, 'NamedAny'),
    },
  },
  ParametersItem: { fields: { parameter: f(1, 'Parameter') } },
  Parameter: { fields: { bodyParameter: f(1, 'BodyParameter'), nonBodyParameter: f(2, 'NonBodyParameter') } },
  BodyParameter: {
    fields: { description: f(1, 'string'), name: f(2, 'string'), in: f(3, 'string'), required: f(4, 'bool'), schema: f(5, 'Schema') },
  },
  NonBodyParameter: { fields: { querySubSchema: f(3, 'QueryParameterSubSchema'), pathSubSchema: f(4, 'PathParameterSubSchema') } },
  QueryParameterSubSchema: {
    fields: { required: f(1, 'bool'), in: f(2, 'string'), description: f(3, 'string'), name: f(4, 'string'), type: f(6, 'string'), uniqueItems: f(20, 'bool') },
  },
  PathParameterSubSchema: {
    fields: { required: f(1, 'bool'), in: f(2, 'string'), description: f(3, 'string'), name: f(4, 'string'), type: f(5, 'string'), uniqueItems: f(19, 'bool') },
  },
  Responses: { fields: { responseCode: rep(1, 'NamedResponseValue') } },
  NamedResponseValue: named('ResponseValue'),
  ResponseValue: { fields: { response: f(1, 'Response') } },
  Response: { fields: { description: f(1, 'string'), schema: f(2, 'SchemaItem') } },
  SchemaItem: { fields: { schema: f(1, 'Schema') } },
  Schema: {
    fields: {
      ref: f(1, 'string'), format: f(2, 'string'), description: f(4, 'string'), required: rep(19, 'string'),
      additionalProperties: f(21, 'AdditionalPropertiesItem'), type: f(22, 'TypeItem'), items: f(23, 'ItemsItem'),
      properties: f(25, 'Properties'), vendorExtension: rep(31, 'NamedAny'),
    },
  },
  AdditionalPropertiesItem: { fields: { schema: f(1, 'Schema'), boolean: f(2, 'bool') } },
  TypeItem: { fields: { value: rep(1, 'string') } },
  ItemsItem: { fields: { schema: rep(1, 'Schema') } },
  Properties: { fields: { additionalProperties: rep(1, 'NamedSchema') } },
  NamedSchema: named('Schema'),
  Definitions: { fields: { additionalProperties: rep(1, 'NamedSchema') } },
};

const root = protobuf.Root.fromJSON({ nested: { openapi: { nested: { v2: { nested: MESSAGES } } } } });
const DocumentType = root.lookupType('openapi.v2.Document');

/** x-… keys of a JSON object as gnostic NamedAny entries (YAML values; JSON is valid YAML). */
function extensions(obj) {
  return Object.entries(obj).filter(([k]) => k.startsWith('x-')).map(([name, v]) => ({ name, value: { yaml: `${JSON.stringify(v)}\n` } }));
}

function schemaMsg(s) {
  const m = { vendorExtension: extensions(s) };
  if (s.$ref) m.ref = s.$ref;
  if (s.format) m.format = s.format;
  if (s.description) m.description = s.description;
  if (s.required) m.required = s.required;
  if (s.type) m.type = { value: [s.type] };
  if (s.items) m.items = { schema: [schemaMsg(s.items)] };
  if (s.additionalProperties) m.additionalProperties = { schema: schemaMsg(s.additionalProperties) };
  if (s.properties) m.properties = { additionalProperties: Object.entries(s.properties).map(([name, v]) => ({ name, value: schemaMsg(v) })) };
  return m;
}

function paramMsg(p) {
  if (p.in === 'body') return { parameter: { bodyParameter: { description: p.description, name: p.name, in: 'body', required: !!p.required, schema: schemaMsg(p.schema) } } };
  const sub = { required: !!p.required, in: p.in, description: p.description, name: p.name, type: p.type, uniqueItems: !!p.uniqueItems };
  return { parameter: { nonBodyParameter: p.in === 'path' ? { pathSubSchema: sub } : { querySubSchema: sub } } };
}

function operationMsg(op) {
  return {
    tags: op.tags, description: op.description, operationId: op.operationId, produces: op.produces, consumes: op.consumes,
    parameters: (op.parameters ?? []).map(paramMsg),
    responses: {
      responseCode: Object.entries(op.responses).map(([code, r]) => ({
        name: code, value: { response: { description: r.description, ...(r.schema && { schema: { schema: schemaMsg(r.schema) } }) } },
      })),
    },
    schemes: op.schemes, vendorExtension: extensions(op),
  };
}

/** Encodes a swagger 2.0 JSON document into gnostic protobuf bytes. */
export function encodeGnosticV2(doc) {
  const msg = {
    swagger: doc.swagger, info: doc.info,
    paths: {
      path: Object.entries(doc.paths).map(([name, item]) => {
        const value = { parameters: (item.parameters ?? []).map(paramMsg) };
        for (const m of ['get', 'put', 'post', 'delete', 'patch']) if (item[m]) value[m] = operationMsg(item[m]);
        return { name, value };
      }),
    },
    definitions: { additionalProperties: Object.entries(doc.definitions).map(([name, s]) => ({ name, value: schemaMsg(s) })) },
  };
  const err = DocumentType.verify(msg);
  if (err) throw new Error(`gnostic Document: ${err}`);
  return DocumentType.encode(msg).finish();
}

/** Decodes bytes back (for tests and cross-checks). */
export function decodeGnosticV2(bytes) {
  return DocumentType.toObject(DocumentType.decode(bytes), { defaults: false });
}
