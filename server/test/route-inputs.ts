/**
 * Inputs for tests generated over every route of the app (`routesOf` in app.ts): the JSON Schema
 * of a route's zod schemas, its URL with the parameters filled in, a plausible valid value for a
 * schema (so a request gets past validation to the service), and multipart bodies.
 */
import { z } from 'zod';
import type { AppRoute } from '../app.ts';

/** The part of JSON Schema (draft 2020-12, as `z.toJSONSchema` writes it) the generators read. */
export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  prefixItems?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  default?: unknown;
};

/** The JSON Schema of a route's zod schema part (as the client sends it), or null when it has none. */
export function jsonSchemaOf(schema: unknown): JsonSchema | null {
  if (!(schema instanceof z.ZodType)) return null;
  try {
    return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  } catch {
    return {};
  }
}

/** The schema parts of a route. */
export function schemasOf(route: AppRoute): {
  params: JsonSchema | null;
  querystring: JsonSchema | null;
  body: JsonSchema | null;
} {
  return {
    params: jsonSchemaOf(route.schema?.params),
    querystring: jsonSchemaOf(route.schema?.querystring),
    body: jsonSchemaOf(route.schema?.body),
  };
}

/** The names of a URL's parameters (`:id`, and `*` for a wildcard). */
export function urlParams(url: string): string[] {
  return url
    .split('/')
    .filter((part) => part.startsWith(':') || part === '*')
    .map((part) => (part === '*' ? '*' : part.slice(1)));
}

/** A path segment percent-encoded; a lone surrogate becomes the invalid UTF-8 a careless client sends. */
function encodeSegment(value: string): string {
  return Array.from(value)
    .map((ch) => {
      try {
        return encodeURIComponent(ch);
      } catch {
        return '%ED%A0%80';
      }
    })
    .join('');
}

/** The URL with its parameters filled in (URL-encoded). */
export function fillUrl(url: string, values: Readonly<Record<string, string>>): string {
  return url
    .split('/')
    .map((part) => {
      const name = part === '*' ? '*' : part.startsWith(':') ? part.slice(1) : null;
      return name === null ? part : encodeSegment(values[name] ?? '');
    })
    .join('/');
}

/** Every combination of one value per parameter. */
export function combinations(pools: Readonly<Record<string, readonly string[]>>): Record<string, string>[] {
  let out: Record<string, string>[] = [{}];
  for (const [name, values] of Object.entries(pools)) {
    out = out.flatMap((partial) => values.map((value) => ({ ...partial, [name]: value })));
  }
  return out;
}

/** The alternatives of a schema (anyOf/oneOf), or the schema itself. */
export function alternatives(schema: JsonSchema): JsonSchema[] {
  return schema.anyOf ?? schema.oneOf ?? [schema];
}

/** The first type a schema names ('null' only when nothing else is allowed). */
export function typeOf(schema: JsonSchema): string | undefined {
  const types = [schema.type ?? []].flat();
  return types.find((t) => t !== 'null') ?? types[0];
}

/**
 * A plausible valid value for `schema`: the required properties of objects, the first value of an
 * enum, strings of the minimum length, numbers at the minimum, dates of `today`. `hint(name)`
 * supplies a value for a property by its name (ids, ID numbers, phones), tried first.
 */
export function sampleOf(
  schema: JsonSchema,
  hint: (name: string, schema: JsonSchema) => unknown,
  name = '',
  now = new Date('2026-03-02T01:00:00.000Z'),
): unknown {
  const hinted = name === '' ? undefined : hint(name, schema);
  if (hinted !== undefined) return hinted;
  if (schema.const !== undefined) return schema.const;
  if (schema.enum !== undefined) return schema.enum[0];
  if (schema.default !== undefined) return schema.default;
  const options = alternatives(schema);
  if (options.length > 1 || options[0] !== schema) {
    const first = options.find((o) => typeOf(o) !== 'null') ?? options[0] ?? {};
    return sampleOf(first, hint, name, now);
  }
  if (schema.allOf !== undefined && schema.allOf[0] !== undefined) return sampleOf(schema.allOf[0], hint, name, now);
  switch (typeOf(schema)) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const key of schema.required ?? []) {
        out[key] = sampleOf(schema.properties?.[key] ?? {}, hint, key, now);
      }
      return out;
    }
    case 'array': {
      const count = schema.minItems ?? 0;
      return Array.from({ length: count }, () => sampleOf(schema.items ?? {}, hint, name, now));
    }
    case 'integer':
    case 'number':
      return schema.minimum ?? (schema.exclusiveMinimum === undefined ? 1 : schema.exclusiveMinimum + 1);
    case 'boolean':
      return false;
    case 'string': {
      if (schema.format === 'date-time') return now.toISOString();
      if (schema.format === 'date') return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
      const length = Math.min(Math.max(schema.minLength ?? 0, 2), schema.maxLength ?? Infinity);
      return '核实'.repeat(Math.ceil(length / 2)).slice(0, length);
    }
    default:
      return null;
  }
}

/** A multipart/form-data body as a browser sends it: text fields, then files. */
export function multipartBody(
  fields: readonly { name: string; value: string }[],
  files: readonly { name: string; fileName: string; contentType: string; data: Buffer }[],
): { payload: Buffer; contentType: string } {
  const boundary = '----xinfang-generated-boundary';
  const parts: Buffer[] = [];
  for (const field of fields) {
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field.name}"\r\n\r\n${field.value}\r\n`),
    );
  }
  for (const file of files) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.name}"; filename="${file.fileName}"\r\n` +
          `Content-Type: ${file.contentType}\r\n\r\n`,
      ),
      file.data,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** A tiny PNG (its signature is what the upload checks). */
export const PNG_BYTES = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('0000000dIHDR-rest-of-image', 'latin1'),
]);
