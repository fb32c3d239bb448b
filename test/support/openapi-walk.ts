/**
 * Requests generated from the OpenAPI document: every operation, its path parameters filled from a
 * map of ids by resource name, a request body built from the operation's schema. A new endpoint is
 * walked without editing the suites that use this.
 */

/** The parts of an OpenAPI 3 document the walk reads. */
export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: { schemas: Record<string, Schema> };
}

interface OpenApiOperation {
  operationId: string;
  parameters?: {
    name: string;
    in: 'path' | 'query' | 'header';
    required?: boolean;
    schema: Schema;
  }[];
  requestBody?: { content: Record<string, { schema: Schema }> };
}

interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  allOf?: Schema[];
  example?: unknown;
}

/** Ids by resource name: the path segment before a parameter (`events`, `meetings`, …). */
export type IdMap = Record<string, string[]>;

export interface Operation {
  /** `GET /api/events/{id}`. */
  key: string;
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  operation: OpenApiOperation;
}

export interface WalkRequest {
  op: Operation;
  /** The concrete path, parameters filled. */
  url: string;
  query: Record<string, string>;
  body?: unknown;
  contentType?: string;
  /** Every id of the map the request acts on (path or body). */
  ids: string[];
  /** Ids of the map a list is filtered by (query): the list must still hold only what is one's own. */
  filterIds: string[];
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** Every operation of the document. */
export function operationsOf(doc: OpenApiDocument): Operation[] {
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths))
    for (const method of METHODS) {
      const operation = item[method];
      if (operation)
        operations.push({ key: `${method.toUpperCase()} ${path}`, method, path, operation });
    }
  return operations;
}

/** Names a body or query property gives the resource it points to. */
const PROPERTY_RESOURCES: Record<string, string> = {
  eventId: 'events',
  seriesId: 'series',
  organizationId: 'organizations',
  parentId: 'organizations',
  institutionId: 'organizations',
  enterpriseId: 'organizations',
  needId: 'needs',
  resultId: 'results',
  expertId: 'experts',
  expertIds: 'experts',
  counterpartId: 'users',
  reviewerIds: 'users',
  presenterIds: 'users',
  ownerId: 'users',
  userId: 'users',
  itemIds: 'agenda',
  agendaItemId: 'agenda',
  registrationId: 'registrations',
  dealId: 'deals',
  intentId: 'intents',
  dockingMeetingId: 'meetings',
  challengeId: 'challenges',
};

/** Path segments named differently from the resource they hold. */
const SEGMENT_RESOURCES: Record<string, string> = { team: 'users' };

/** Strings that satisfy the patterns the API uses, tried in order. */
const PATTERN_SAMPLES = [
  'index.m3u8',
  `1999999999.${'a'.repeat(32)}`,
  '2027-03-01',
  '13800000000',
  'x',
];

/** A future instant, `minutes` after a fixed start (so that ends follow starts). */
function future(minutes: number): string {
  return new Date(Date.parse('2027-03-01T02:00:00Z') + minutes * 60_000).toISOString();
}

/** When a property's name says when it is: starts and opens first, ends and closes an hour later. */
function instantFor(name: string): string {
  return /^(ends|closes)/i.test(name) ? future(60) : future(0);
}

export class RequestBuilder {
  constructor(
    private readonly doc: OpenApiDocument,
    private readonly ids: IdMap,
  ) {}

  /**
   * The requests for one operation: one per combination of candidate ids for its path parameters
   * and id-naming body properties (at most `limit`).
   */
  requestsFor(op: Operation, limit = 6): WalkRequest[] {
    const slots = this.slotsOf(op);
    const combos: Record<string, string>[] = [{}];
    for (const [slot, candidates] of slots) {
      const next: Record<string, string>[] = [];
      for (const combo of combos)
        for (const id of candidates.length > 0 ? candidates : [MISSING_ID])
          next.push({ ...combo, [slot]: id });
      combos.splice(0, combos.length, ...next.slice(0, limit));
    }
    return combos.map((combo) => this.request(op, combo));
  }

  /** Each id slot of an operation with its candidates: path parameters, then required body ids. */
  private slotsOf(op: Operation): [string, string[]][] {
    const slots: [string, string[]][] = [];
    const segments = op.path.split('/');
    segments.forEach((segment, i) => {
      const name = /^\{(.+)\}$/.exec(segment)?.[1];
      if (!name || this.pathSchema(op, name).enum || this.pathSchema(op, name).pattern) return;
      const before = segments[i - 1] ?? '';
      slots.push([`path:${name}`, this.ids[SEGMENT_RESOURCES[before] ?? before] ?? []]);
    });
    const schema = this.jsonSchema(op);
    if (schema)
      for (const name of schema.required ?? []) {
        const resource = PROPERTY_RESOURCES[name];
        if (resource) slots.push([`body:${name}`, this.ids[resource] ?? []]);
      }
    return slots;
  }

  private pathSchema(op: Operation, name: string): Schema {
    return op.operation.parameters?.find((p) => p.in === 'path' && p.name === name)?.schema ?? {};
  }

  private jsonSchema(op: Operation): Schema | undefined {
    const json = op.operation.requestBody?.content['application/json'];
    return json ? this.resolve(json.schema) : undefined;
  }

  private request(op: Operation, combo: Record<string, string>): WalkRequest {
    const used = Object.values(combo).filter((id) => id !== MISSING_ID);
    const url = op.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
      const id = combo[`path:${name}`];
      return encodeURIComponent(id ?? (this.value(name, this.pathSchema(op, name)) as string));
    });
    const query: Record<string, string> = {};
    const filterIds: string[] = [];
    for (const parameter of op.operation.parameters ?? []) {
      if (parameter.in !== 'query') continue;
      const resource = PROPERTY_RESOURCES[parameter.name];
      // An optional query id is filled too: a list filtered by another tenant's id must stay empty.
      if (resource && this.ids[resource]?.length) {
        query[parameter.name] = this.ids[resource][0];
        filterIds.push(query[parameter.name]);
      } else if (parameter.required) {
        query[parameter.name] = String(this.value(parameter.name, parameter.schema));
      }
    }
    const content = op.operation.requestBody?.content ?? {};
    if (content['application/json']) {
      const schema = this.resolve(content['application/json'].schema);
      const body = this.object(schema, (name) => combo[`body:${name}`]);
      return { op, url, query, body, contentType: 'application/json', ids: used, filterIds };
    }
    const fileType = Object.keys(content)[0];
    if (fileType) {
      // A one-row file: the document's example (a header and a row), else a header and a row.
      const example = content[fileType].schema.example;
      const body = typeof example === 'string' ? example : 'name,email\n测试,walk@example.cn\n';
      return { op, url, query, body, contentType: 'text/csv', ids: used, filterIds };
    }
    return { op, url, query, ids: used, filterIds };
  }

  private resolve(schema: Schema): Schema {
    if (schema.$ref)
      return this.resolve(this.doc.components.schemas[schema.$ref.split('/').pop()!]);
    if (schema.allOf) return this.resolve(schema.allOf[0]);
    return schema;
  }

  /**
   * An object with its required properties, or, when none is required (a PATCH), its first
   * property of a plain type, so that the request asks for a change.
   */
  private object(schema: Schema, idOf: (name: string) => string | undefined = () => undefined) {
    const properties = schema.properties ?? {};
    let names = schema.required ?? [];
    if (names.length === 0) {
      const plain = Object.entries(properties).find(([, p]) => {
        const s = this.resolve(p);
        return s.enum || s.type === 'string' || s.type === 'number' || s.type === 'boolean';
      });
      names = plain ? [plain[0]] : [];
    }
    const body: Record<string, unknown> = {};
    for (const name of names) {
      const id = idOf(name);
      body[name] = id ?? this.value(name, properties[name] ?? {});
    }
    return body;
  }

  private value(name: string, raw: Schema): unknown {
    const schema = this.resolve(raw);
    if (schema.enum) return schema.enum[0];
    const resource = PROPERTY_RESOURCES[name];
    if (schema.type === 'array') {
      const item = resource
        ? (this.ids[resource]?.[0] ?? MISSING_ID)
        : this.value(name, schema.items ?? {});
      return Array.from({ length: Math.max(1, schema.minItems ?? 1) }, () => item);
    }
    if (schema.type === 'object' || schema.properties) return this.object(schema);
    if (schema.type === 'boolean') return false;
    if (schema.type === 'number' || schema.type === 'integer') {
      const low = schema.minimum ?? 0;
      const high = schema.maximum ?? Math.max(low, 1000);
      return Math.min(Math.max(low, 1), high);
    }
    if (schema.format === 'uuid') return this.ids[resource ?? '']?.[0] ?? MISSING_ID;
    if (schema.format === 'date-time' || /At$|deadline/i.test(name)) return instantFor(name);
    if (schema.format === 'date' || /On$/.test(name)) return '2027-03-01';
    if (schema.format === 'email') return 'walk@example.cn';
    if (schema.format === 'uri') return 'https://example.cn/walk';
    if (schema.pattern) {
      const pattern = new RegExp(schema.pattern);
      return PATTERN_SAMPLES.find((sample) => pattern.test(sample)) ?? 'x';
    }
    const length = Math.max(schema.minLength ?? 1, 8);
    return 'walk-测试-'.padEnd(Math.min(length, schema.maxLength ?? length), 'x');
  }
}

/** An id nothing has: where the map has no candidate for a slot. */
export const MISSING_ID = '00000000-0000-4000-8000-000000000000';
