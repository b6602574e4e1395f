// fast-check arbitraries read off the contract's zod schemas, so the fuzzers follow the contract
// as it changes: `validish` aims at payloads the schema accepts, `nearValid` keeps the shape and
// breaks one thing at a time, `junk` is anything a structured clone can carry. The generators
// need not be exact: every test classifies a value by `schema.safeParse`, never by how it was made.
import fc from 'fast-check';
import type { z } from 'zod';

/** The part of zod 4's internal definition the walker reads. */
interface Def {
  type: string;
  shape?: Record<string, Walkable>;
  innerType?: Walkable;
  entries?: Record<string, string | number>;
  element?: Walkable;
  keyType?: Walkable;
  valueType?: Walkable;
  options?: Walkable[];
  checks?: Walkable[];
  /** A pipe's second stage: the schema a guard (src-main/core/ipc/bounds.ts) hands the value to. */
  out?: Walkable;
  format?: string;
  // On a check's definition:
  check?: string;
  minimum?: number;
  maximum?: number;
  value?: number;
  inclusive?: boolean;
  pattern?: RegExp;
  /** A literal's values (api.body's `op`). */
  values?: unknown[];
}
interface Walkable {
  _zod: { def: Def };
}

const defOf = (schema: unknown): Def => (schema as Walkable)._zod.def;

/** Values for one field, by name, that make valid payloads meaningful (a real connection id, real paths). */
export type Hints = Record<string, fc.Arbitrary<unknown>>;

interface Limits {
  min: number;
  max: number;
  pattern?: RegExp;
  format?: string;
  int: boolean;
  lo?: number;
  hi?: number;
}

function limitsOf(def: Def): Limits {
  const limits: Limits = { min: 0, max: Number.POSITIVE_INFINITY, int: false };
  if (def.format) limits.format = def.format;
  for (const check of def.checks ?? []) {
    const c = defOf(check);
    if (c.check === 'min_length' && c.minimum !== undefined) limits.min = c.minimum;
    else if (c.check === 'max_length' && c.maximum !== undefined) limits.max = c.maximum;
    else if (c.check === 'string_format' && c.format === 'regex' && c.pattern) limits.pattern = c.pattern;
    else if (c.check === 'string_format' && c.format) limits.format = c.format;
    else if (c.check === 'number_format') limits.int = true;
    else if (c.check === 'greater_than' && c.value !== undefined) limits.lo = c.value;
    else if (c.check === 'less_than' && c.value !== undefined) limits.hi = c.value;
  }
  return limits;
}

const printable = fc.string({ unit: fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 24 });

/** Strings that break a string field's rules: empty, one too long, control characters, CRLF, spaces, lone surrogates. */
function badString(limits: Limits): fc.Arbitrary<unknown> {
  const finiteMax = Number.isFinite(limits.max) ? limits.max : 20_000;
  return fc.oneof(
    fc.constantFrom('', ' ', '\r\n', 'a b', 'x\u0000y', '\u007f', '\t', 'ok\r\nInjected: 1', '\ud800', '../../etc/passwd', '%00', '\u2028'),
    fc.constant('a'.repeat(finiteMax + 1)),
    fc.tuple(printable, fc.string({ unit: 'binary', minLength: 1, maxLength: 4 }), printable).map(([a, b, c]) => a + b + c),
    fc.string({ unit: 'grapheme', maxLength: 30 }),
  );
}

/** Anything a structured clone can carry across IPC, odd corners included. */
export const junk: fc.Arbitrary<unknown> = fc.oneof(
  fc.anything({
    maxDepth: 3,
    maxKeys: 6,
    withBigInt: true,
    withBoxedValues: true,
    withDate: true,
    withMap: true,
    withSet: true,
    withNullPrototype: true,
    withObjectString: true,
    withSparseArray: true,
    withTypedArray: true,
    withUnicodeString: true,
  }),
  fc.constantFrom(undefined, null, 0, -0, Number.NaN, Infinity, '', [], {}, true, 'constructor', '__proto__'),
  fc.dictionary(
    fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty'),
    fc.anything({ maxDepth: 1 }),
  ),
);

/** Values the schema should accept (mostly: regexes are approximated by printable ASCII). */
export function validish(schema: unknown, hints: Hints = {}, name = ''): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  const hint = name ? hints[name] : undefined;
  switch (def.type) {
    case 'optional':
    case 'default':
    case 'nullable':
    case 'readonly':
      return validish(def.innerType, hints, name);
    case 'pipe':
      return validish(def.out, hints, name);
    case 'object': {
      const shape = def.shape ?? {};
      const model: Record<string, fc.Arbitrary<unknown>> = {};
      const requiredKeys: string[] = [];
      for (const [key, field] of Object.entries(shape)) {
        model[key] = validish(field, hints, key);
        const type = defOf(field).type;
        if (type !== 'optional' && type !== 'default') requiredKeys.push(key);
      }
      return fc.record(model, { requiredKeys });
    }
    case 'string': {
      const limits = limitsOf(def);
      if (limits.format === 'uuid') return hint ? fc.oneof(hint, fc.uuid()) : fc.uuid();
      const max = Math.min(limits.max, 40);
      const own = fc.string({
        unit: fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c)),
        minLength: Math.max(limits.min, 1),
        maxLength: Math.max(max, 1),
      });
      const atMax = Number.isFinite(limits.max) ? fc.constant('a'.repeat(limits.max)) : own;
      return hint
        ? fc.oneof({ weight: 3, arbitrary: hint }, { weight: 2, arbitrary: own }, { weight: 1, arbitrary: atMax })
        : fc.oneof({ weight: 5, arbitrary: own }, { weight: 1, arbitrary: atMax });
    }
    case 'enum':
      return fc.constantFrom(...Object.values(def.entries ?? {}));
    case 'boolean':
      return fc.boolean();
    case 'number': {
      const limits = limitsOf(def);
      const lo = limits.lo ?? -1e6;
      const hi = limits.hi ?? 1e6;
      return fc.oneof(fc.integer({ min: lo, max: hi }), fc.constantFrom(lo, hi));
    }
    case 'array': {
      const limits = limitsOf(def);
      const element = validish(def.element, hints, name);
      return fc.array(element, { minLength: limits.min, maxLength: Math.min(limits.max, 6) });
    }
    case 'record': {
      const own = fc.dictionary(
        validish(def.keyType, hints, `${name}.key`) as fc.Arbitrary<string>,
        validish(def.valueType, hints, `${name}.value`),
        { maxKeys: 4 },
      );
      return hint ? fc.oneof({ weight: 3, arbitrary: hint }, own) : own;
    }
    case 'union':
      return fc.oneof(...(def.options ?? []).map((option) => validish(option, hints, name)));
    case 'literal':
      return fc.constantFrom(...(def.values ?? [null]));
    case 'lazy':
      // z.json()
      return hint ?? fc.jsonValue({ maxDepth: 3 });
    default:
      return fc.anything({ maxDepth: 1 });
  }
}

/** Values that break the field's rules, or the wrong type altogether. */
function invalid(schema: unknown): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  const wrongType = fc.oneof(fc.constantFrom(null, 0, 1.5, true, [], {}, 'x'), junk);
  switch (def.type) {
    case 'optional':
    case 'default':
      // `undefined` is valid here, so break the inner rule instead.
      return invalid(def.innerType);
    case 'pipe':
      return invalid(def.out);
    case 'string': {
      const limits = limitsOf(def);
      if (limits.format === 'uuid') {
        return fc.oneof(
          fc.uuid().map((u) => u.slice(0, -1)),
          fc.uuid().map((u) => `{${u}}`),
          fc.uuid().map((u) => `${u.slice(0, 14)}0${u.slice(15)}`),
          fc.uuid().map((u) => ` ${u}`),
          wrongType,
        );
      }
      return fc.oneof(badString(limits), wrongType);
    }
    case 'enum': {
      const values = Object.values(def.entries ?? {}).map(String);
      return fc.oneof(
        fc.constantFrom(...values).map((v) => v.toUpperCase()),
        fc.constantFrom(...values).map((v) => `${v} `),
        fc.constantFrom(...values).map((v) => v.slice(1)),
        wrongType,
      );
    }
    case 'number': {
      const limits = limitsOf(def);
      return fc.oneof(
        fc.constantFrom(Number.NaN, Infinity, -Infinity, 0.5, (limits.lo ?? 0) - 1, (limits.hi ?? 0) + 1, '10', 10n),
        wrongType,
      );
    }
    case 'boolean':
      return fc.constantFrom('true', 1, 0, null, 'false', []);
    case 'array': {
      const limits = limitsOf(def);
      return fc.oneof(
        fc.array(invalid(def.element), { minLength: 1, maxLength: 3 }),
        Number.isFinite(limits.max) ? fc.constant(Array.from({ length: limits.max + 1 }, () => 'x')) : wrongType,
        fc.constantFrom('x', { 0: 'x' }),
      );
    }
    case 'record':
      return fc.oneof(
        fc.dictionary(fc.constantFrom('', 'a b', 'x\r\ny', 'k'), invalid(def.valueType), { minKeys: 1, maxKeys: 2 }),
        fc.constantFrom([], 'x', 1),
      );
    case 'object':
      return fc.oneof(nearValid(schema), wrongType);
    default:
      return wrongType;
  }
}

/**
 * The schema's shape with one thing broken: a field replaced by a bad value, a required field
 * dropped, an unknown (or prototype-polluting) key added — or, a quarter of the time, nothing
 * broken at all, so valid payloads reach the handlers too.
 */
export function nearValid(schema: unknown, hints: Hints = {}): fc.Arbitrary<unknown> {
  let def = defOf(schema);
  while (def.type === 'optional' || def.type === 'default') def = defOf(def.innerType);
  if (def.type !== 'object') return fc.oneof(validish(schema, hints), invalid(schema));
  const fields = Object.keys(def.shape ?? {});
  const base = validish(schema, hints) as fc.Arbitrary<Record<string, unknown>>;
  const shape = def.shape ?? {};
  const mutations: fc.Arbitrary<(payload: Record<string, unknown>) => unknown>[] = [
    fc.constant((payload) => payload),
    fc
      .tuple(fc.constantFrom('__proto__', 'constructor', 'extra', 'prototype', 'toJSON', ''), fc.jsonValue({ maxDepth: 1 }))
      .map(([key, value]) => (payload) => {
        const copy: Record<string, unknown> = { ...payload };
        Object.defineProperty(copy, key, { value, enumerable: true, configurable: true, writable: true });
        return copy;
      }),
  ];
  if (fields.length > 0) {
    mutations.push(
      fc
        .constantFrom(...fields)
        .chain((key) => invalid(shape[key]).map((bad) => (payload: Record<string, unknown>) => ({ ...payload, [key]: bad }))),
      fc.constantFrom(...fields).map((key) => (payload: Record<string, unknown>) => {
        const copy = { ...payload };
        delete copy[key];
        return copy;
      }),
    );
  }
  return fc.tuple(base, fc.oneof(...mutations)).map(([payload, mutate]) => mutate(payload));
}

/** What a schema says about a value; the only judge of "malformed". */
export function accepts(schema: z.ZodType, value: unknown): boolean {
  return schema.safeParse(value).success;
}
