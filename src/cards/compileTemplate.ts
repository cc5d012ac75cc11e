// A card template compiled once into one plain JavaScript function. The templates in cards/ stay
// designer-compatible Adaptive Card templates; they only use `${path}` bindings, `$data` and `$when`, and
// for those this produces exactly what adaptivecards-templating's Template.expand produces (a test
// compares the two on every card the bot builds, and on arbitrary data), without evaluating Adaptive
// Expressions per reply.
//
// The library's rules, kept here on purpose:
// - a string that is one `${path}` takes the value's own type; text around bindings makes a string;
// - a path is read case-insensitively from `$data` (or `$root`); a missing value becomes the literal
//   "${path}" (the library's null substitution), in `$when` it is false;
// - `$data` that is an array repeats the element (an undefined item reuses the previous item's data);
//   `$when` must be exactly `true`;
// - an element that expands to nothing is null as a property and dropped from an array; several
//   copies spread into the enclosing array.
//
// Why generated code: a verdict card is a few hundred small objects. Object literals with the template's
// keys, and a property read per binding site, build them several times faster than one generic loop of
// keyed stores and lookups (`npm run bench -- cards`). Only the template's own keys and literal strings go
// into the source, each through JSON.stringify; the data never does.
//
// The expansion also adds up a bound of the card's serialised size as it goes (the template's own keys and
// texts measured once, each bound value by its length), so sizing a card rarely needs to serialise it.
import { jsonBytesAtMost, rememberSizeBound } from './size';
import type { AdaptiveCard } from './types';

const RESERVED = new Set(['$data', '$when', '$root', '$index', '$host', '$_acTemplateVersion']);
const PATH = /^\$?[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_$][A-Za-z0-9_$]*)*$/;
const BINDING = /\$\{([^{}]*)\}/g;

/** Own property, matched case-insensitively as Adaptive Expressions does (the exact key first: the same answer when keys don't collide). */
function property(instance: unknown, name: string): unknown {
  if (!instance) return undefined;
  const obj = instance as Record<string, unknown>;
  if (typeof instance === 'object' && Object.prototype.hasOwnProperty.call(obj, name)) return obj[name];
  const lower = name.toLowerCase();
  const key = Object.keys(obj).find((k) => k.toLowerCase() === lower);
  return key === undefined ? undefined : obj[key];
}

/** A single binding's value: the missing value becomes the binding's own text. */
function orMissing(v: unknown, missing: string): unknown {
  return v === undefined ? missing : v;
}

/** A binding inside text. null has no toString: the library throws here too, and the card builder falls back. */
function asText(v: unknown, missing: string): string {
  return v === undefined ? missing : (v as { toString(): string }).toString();
}

/** An array's elements: nothing (null) dropped, several copies (an array) spread. */
function flat(items: unknown[]): unknown[] {
  const out: unknown[] = [];
  for (const v of items) {
    if (v === null) continue;
    if (Array.isArray(v)) for (const x of v) out.push(x);
    else out.push(v);
  }
  return out;
}

const lit = (v: unknown): string => JSON.stringify(v);
const bytes = (v: unknown): number => Buffer.byteLength(JSON.stringify(v), 'utf8');
/** What a nested element may add besides itself: "null" when it expands to nothing, or the brackets of several copies. */
const NESTED = 4;

/**
 * Writes the source: hoisted helper functions (path reads, `$data` repetitions) and one expression per
 * node. Generated code passes a scope `{ root, data, index }` as `s` (or `c` inside a repetition).
 */
class Generator {
  private readonly hoisted: string[] = [];
  private readonly paths = new Map<string, string>();
  private next = 0;

  /** The value at `path`: `$root…`, `$data…`, `$index`, or a field of the current data. */
  private path(path: string): string {
    const known = this.paths.get(path);
    if (known) return known;
    if (!PATH.test(path)) throw new Error(`card template: only plain bindings are supported, not \${${path}}`);
    const parts = path.split('.');
    const head = parts[0];
    const rest = head.startsWith('$') ? parts.slice(1) : parts;
    const start = head === '$root' ? 's.root' : head === '$index' ? 's.index' : head === '$data' || !head.startsWith('$') ? 's.data' : 'undefined';
    const name = `p${this.next++}`;
    const steps = rest.map((p) => `  o = o && typeof o === 'object' && has.call(o, ${lit(p)}) ? o[${lit(p)}] : property(o, ${lit(p)});\n`).join('');
    this.hoisted.push(`function ${name}(s) {\n  let o = ${start};\n${steps}  return o;\n}`);
    this.paths.set(path, name);
    return name;
  }

  private string(text: string, s: string): string {
    if (!text.includes('${')) return lit(text);
    return `sized(${this.binding(text, s)})`;
  }

  private binding(text: string, s: string): string {
    const pieces: (string | { path: string })[] = [];
    let last = 0;
    for (const m of text.matchAll(BINDING)) {
      if (m.index! > last) pieces.push(text.slice(last, m.index));
      pieces.push({ path: m[1] });
      last = m.index! + m[0].length;
    }
    if (last < text.length) pieces.push(text.slice(last));
    if (pieces.some((p) => typeof p === 'string' && (p.includes('${') || p.includes('`') || p.includes('\\')))) {
      throw new Error(`card template: unsupported text around a binding: ${text}`);
    }
    const read = (p: { path: string }) => `${this.path(p.path)}(${s})`;
    if (pieces.length === 1 && typeof pieces[0] !== 'string') return `orMissing(${read(pieces[0])}, ${lit(`\${${pieces[0].path}}`)})`;
    return `(${pieces.map((p) => (typeof p === 'string' ? lit(p) : `asText(${read(p)}, ${lit(`\${${p.path}}`)})`)).join(' + ')})`;
  }

  /** What `node` adds to the bound itself, when it is a literal (text, number, true/false/null); else undefined. */
  private static literalBytes(node: unknown): number | undefined {
    if (typeof node === 'string') return node.includes('${') ? undefined : bytes(node);
    if (typeof node === 'object' && node !== null) return undefined;
    return bytes(node);
  }

  /** The bound a nested value adds where it sits: a literal's bytes, or room for null or brackets (the rest it adds itself). */
  private static slot(node: unknown): number {
    const known = Generator.literalBytes(node);
    if (known !== undefined) return known;
    return typeof node === 'string' ? 0 : NESTED;
  }

  /** An expression for `node`'s value in scope `s` (null: the element is dropped). */
  node(node: unknown, s: string): string {
    if (typeof node === 'string') return this.string(node, s);
    if (Array.isArray(node)) return this.array(node, s);
    if (typeof node === 'object' && node !== null) return this.object(node as Record<string, unknown>, s);
    return lit(node);
  }

  private array(items: unknown[], s: string): string {
    const parts = items.map((x) => this.node(x, s));
    // Elements that are always one value (text, numbers, plain objects) need no dropping or spreading.
    const single = (x: unknown) =>
      (typeof x === 'string' && !x.includes('${')) ||
      typeof x === 'number' ||
      typeof x === 'boolean' ||
      (typeof x === 'object' && x !== null && !Array.isArray(x) && !('$when' in x) && !('$data' in x));
    // Brackets, a comma per element and in the parent, and what the literal elements hold.
    const own = 3 + items.reduce<number>((n, x) => n + 1 + Generator.slot(x), 0);
    return items.every(single) ? `(b += ${own}, [${parts.join(', ')}])` : `(b += ${own}, flat([${parts.join(', ')}]))`;
  }

  /** The element once, in scope `s`: its fields, or undefined when its `$when` is not exactly true. */
  private once(node: Record<string, unknown>, s: string): string {
    const keys = Object.keys(node).filter((k) => !RESERVED.has(k));
    const fields = keys.map((k) => `${lit(k)}: ${this.node(node[k], s)}`);
    // Braces, the comma in the parent, and per field its key, colon, comma and literal value.
    const own = 3 + keys.reduce<number>((n, k) => n + bytes(k) + 2 + Generator.slot(node[k]), 0);
    const literal = `(b += ${own}, { ${fields.join(', ')} })`;
    const when = node.$when;
    if (typeof when === 'string' && when.includes('${')) {
      // `$when` is read without null substitution: only a value of exactly `true` keeps the element.
      const m = /^\$\{([^{}]*)\}$/.exec(when);
      if (!m) throw new Error(`card template: $when must be one binding: ${when}`);
      return `(${this.path(m[1])}(${s}) === true ? ${literal} : undefined)`;
    }
    return when !== undefined && !!when ? 'undefined' : literal;
  }

  private object(node: Record<string, unknown>, s: string): string {
    if (node.$data === undefined) {
      const once = this.once(node, s);
      return once.startsWith('(b += ') ? once : `(${once} ?? null)`;
    }
    // `$data`: the element once per item (an undefined item keeps the data of the item before it).
    const name = `d${this.next++}`;
    // The items are read, not written: a binding here is not part of the card's size.
    const data = typeof node.$data === 'string' && node.$data.includes('${') ? this.binding(node.$data, 's') : this.node(node.$data, 's');
    const once = this.once(node, 'c');
    this.hoisted.push(`function ${name}(s) {
  const items = ${data};
  if (!Array.isArray(items)) {
    const c = { root: s.root, data: items === undefined ? s.data : items, index: s.index };
    return ${once} || null;
  }
  const out = [];
  let data = s.data;
  for (let i = 0; i < items.length; i++) {
    if (items[i] !== undefined) data = items[i];
    const c = { root: s.root, data, index: i };
    const v = ${once};
    if (v) out.push(v);
  }
  return out.length === 0 ? null : out.length === 1 ? out[0] : out;
}`);
    return `${name}(${s})`;
  }

  source(template: unknown): string {
    const body = this.node(template, 's');
    return `let b = 0;
function sized(v) {
  b += bound(v, 0) + 1;
  return v;
}
${this.hoisted.join('\n')}
return function expand(root) {
  b = ${NESTED}; // the root's own slot: several copies of a repeated root are an array
  const s = { root, data: root, index: undefined };
  const card = ${body};
  if (card !== null && typeof card === 'object') remember(card, b);
  return card;
};`;
  }
}

export type ExpandCompiled = (data: Record<string, unknown>) => AdaptiveCard;

/** The generated source of a template (for tests and for reading). */
export function generatedSource(template: unknown): string {
  return new Generator().source(template);
}

/** Compile a template once; expand it per reply with `$root` = data. */
export function compileTemplate(template: unknown): ExpandCompiled {
  const make = new Function('has', 'property', 'orMissing', 'asText', 'flat', 'bound', 'remember', generatedSource(template)) as (...helpers: unknown[]) => ExpandCompiled;
  return make(Object.prototype.hasOwnProperty, property, orMissing, asText, flat, jsonBytesAtMost, rememberSizeBound);
}
