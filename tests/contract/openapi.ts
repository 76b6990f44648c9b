// A small OpenAPI 3 reader for the contract test: finds an operation for a request and
// checks JSON against a schema with the subset of JSON Schema Twilio's description uses.

export interface Schema {
  $ref?: string;
  type?: "string" | "integer" | "number" | "boolean" | "object" | "array";
  format?: string;
  nullable?: boolean;
  enum?: unknown[];
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
}

interface Parameter {
  name: string;
  in: "path" | "query" | "header";
  required?: boolean;
  schema?: Schema;
}

export interface Operation {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, { content?: Record<string, { schema: Schema }> }>;
}

export interface OpenApi {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

export function findOperation(spec: OpenApi, method: string, path: string): { template: string; operation: Operation } | null {
  // Fixed segments win over placeholders: IncomingPhoneNumbers/Local.json is not a {Sid}.json.
  const placeholders = (template: string) => (template.match(/\{/g) ?? []).length;
  const templates = Object.entries(spec.paths).sort(([a], [b]) => placeholders(a) - placeholders(b));
  for (const [template, item] of templates) {
    const pattern = new RegExp(`^${template.replace(/[.]/g, "\\.").replace(/\{[^}]+\}/g, "[^/]+")}$`);
    const operation = item[method.toLowerCase()];
    if (operation && pattern.test(path)) return { template, operation };
  }
  return null;
}

export function resolve(spec: OpenApi, schema: Schema): Schema {
  let current = schema;
  while (current.$ref) {
    const name = current.$ref.replace("#/components/schemas/", "");
    const target = spec.components.schemas[name];
    if (!target) throw new Error(`No schema ${name} in the spec`);
    current = target;
  }
  return current;
}

const RFC_2822 = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}$/;
const FORMATS: Record<string, (value: string) => boolean> = {
  "date-time-rfc-2822": (value) => RFC_2822.test(value),
  // Twilio uses it for E.164 numbers and for their display form, "(808) 925-1571".
  "phone-number": (value) => /^\+?[\d\s().-]{3,}$/.test(value),
  "iso-country-code": (value) => /^[A-Z]{2}$/.test(value),
  "http-method": (value) => value === "GET" || value === "POST",
  currency: (value) => /^[A-Z]{3}$/.test(value),
};

function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

function checkString(value: string, schema: Schema, at: string, errors: string[]): void {
  if (schema.pattern && !new RegExp(schema.pattern).test(value)) errors.push(`${at}: "${value}" does not match ${schema.pattern}`);
  if (schema.minLength !== undefined && value.length < schema.minLength) errors.push(`${at}: shorter than ${schema.minLength}`);
  if (schema.maxLength !== undefined && value.length > schema.maxLength) errors.push(`${at}: longer than ${schema.maxLength}`);
  const format = schema.format ? FORMATS[schema.format] : undefined;
  if (format && !format(value)) errors.push(`${at}: "${value}" is not ${schema.format}`);
}

/**
 * Errors in `value` against `schema`. Twilio sends every property its resources have
 * (null when empty), so with `everyProperty` a missing property is an error too.
 */
export function checkSchema(spec: OpenApi, value: unknown, schema: Schema, at = "$", everyProperty = true): string[] {
  const resolved = resolve(spec, schema);
  const errors: string[] = [];
  if (value === null) {
    if (!resolved.nullable) errors.push(`${at}: null, but not nullable`);
    return errors;
  }
  const actual = typeOf(value);
  const expected = resolved.type;
  if (expected && actual !== expected && !(expected === "number" && actual === "integer")) {
    return [`${at}: ${actual}, expected ${expected}`];
  }
  if (resolved.enum && !resolved.enum.includes(value)) errors.push(`${at}: ${JSON.stringify(value)} is not one of ${resolved.enum.join(", ")}`);
  if (typeof value === "string") checkString(value, resolved, at, errors);
  if (Array.isArray(value) && resolved.items) {
    value.forEach((item, index) => errors.push(...checkSchema(spec, item, resolved.items!, `${at}[${index}]`, everyProperty)));
  }
  if (actual === "object" && resolved.properties) {
    const object = value as Record<string, unknown>;
    for (const [name, property] of Object.entries(resolved.properties)) {
      if (!(name in object)) {
        if (everyProperty || resolved.required?.includes(name)) errors.push(`${at}.${name}: missing`);
        continue;
      }
      errors.push(...checkSchema(spec, object[name], property, `${at}.${name}`, everyProperty));
    }
  }
  return errors;
}

/** Parameter names a request used that the operation does not define. */
export function unknownParameters(spec: OpenApi, operation: Operation, query: string[], form: string[]): string[] {
  const queryNames = new Set((operation.parameters ?? []).filter((p) => p.in === "query").map((p) => p.name));
  const bodySchema = operation.requestBody?.content["application/x-www-form-urlencoded"]?.schema;
  const formNames = new Set(Object.keys(bodySchema ? (resolve(spec, bodySchema).properties ?? {}) : {}));
  return [...query.filter((name) => !queryNames.has(name)).map((name) => `query ${name}`), ...form.filter((name) => !formNames.has(name)).map((name) => `form ${name}`)];
}

/** Required form fields the request left out. */
export function missingRequired(spec: OpenApi, operation: Operation, form: string[]): string[] {
  const bodySchema = operation.requestBody?.content["application/x-www-form-urlencoded"]?.schema;
  const required = bodySchema ? (resolve(spec, bodySchema).required ?? []) : [];
  return required.filter((name) => !form.includes(name));
}
