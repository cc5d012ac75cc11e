// A card template compiled once into plain functions. The templates in cards/ stay designer-compatible
// Adaptive Card templates; they only use `${path}` bindings, `$data` and `$when`, and for those this
// produces exactly what adaptivecards-templating's Template.expand produces (a test compares the two on
// every card the bot builds), without evaluating Adaptive Expressions per reply.
//
// The library's rules, kept here on purpose:
// - a string that is one `${path}` takes the value's own type; text around bindings makes a string;
// - a path is read case-insensitively from `$data` (or `$root`); a missing value becomes the literal
//   "${path}" (the library's null substitution), in `$when` it is false;
// - `$data` that is an array repeats the element (an undefined item reuses the previous item's data);
//   `$when` must be exactly `true`;
// - an element that expands to nothing is null as a property and dropped from an array; several
//   copies spread into the enclosing array.
import type { AdaptiveCard } from './types';

interface Scope {
  root: unknown;
  data: unknown;
  index?: number;
}

type Compiled = (scope: Scope) => unknown;

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

/** The value at `path`: `$root…`, `$data…`, `$index`, or a field of the current data. */
function compilePath(path: string): (scope: Scope) => unknown {
  if (!PATH.test(path)) throw new Error(`card template: only plain bindings are supported, not \${${path}}`);
  const parts = path.split('.');
  const head = parts[0];
  const rest = head.startsWith('$') ? parts.slice(1) : parts;
  const start: (s: Scope) => unknown =
    head === '$root' ? (s) => s.root : head === '$index' ? (s) => s.index : head === '$data' || !head.startsWith('$') ? (s) => s.data : () => undefined;
  return (scope) => {
    let v = start(scope);
    for (const p of rest) v = property(v, p);
    return v;
  };
}

function compileString(text: string): Compiled | string {
  if (!text.includes('${')) return text;
  const pieces: (string | { path: string; read: (s: Scope) => unknown })[] = [];
  let last = 0;
  for (const m of text.matchAll(BINDING)) {
    if (m.index! > last) pieces.push(text.slice(last, m.index));
    pieces.push({ path: m[1], read: compilePath(m[1]) });
    last = m.index! + m[0].length;
  }
  if (last < text.length) pieces.push(text.slice(last));
  if (pieces.some((p) => typeof p === 'string' && (p.includes('${') || p.includes('`') || p.includes('\\')))) {
    throw new Error(`card template: unsupported text around a binding: ${text}`);
  }
  if (pieces.length === 1 && typeof pieces[0] !== 'string') {
    const { path, read } = pieces[0];
    const missing = `\${${path}}`;
    return (s) => {
      const v = read(s);
      return v === undefined ? missing : v;
    };
  }
  return (s) => {
    let out = '';
    for (const p of pieces) {
      if (typeof p === 'string') out += p;
      else {
        const v = p.read(s);
        // null has no toString: the library throws here too, and the card builder falls back.
        out += v === undefined ? `\${${p.path}}` : (v as { toString(): string }).toString();
      }
    }
    return out;
  };
}

function compileNode(node: unknown): Compiled | unknown {
  if (typeof node === 'string') return compileString(node);
  if (Array.isArray(node)) return compileArray(node);
  if (typeof node === 'object' && node !== null) return compileObject(node as Record<string, unknown>);
  return node;
}

function run(c: Compiled | unknown, scope: Scope): unknown {
  return typeof c === 'function' ? (c as Compiled)(scope) : c;
}

function compileArray(items: unknown[]): Compiled {
  const compiled = items.map(compileNode);
  return (scope) => {
    const out: unknown[] = [];
    for (const c of compiled) {
      const v = run(c, scope);
      if (v === null) continue;
      if (Array.isArray(v)) for (const x of v) out.push(x);
      else out.push(v);
    }
    return out;
  };
}

function compileObject(node: Record<string, unknown>): Compiled {
  const fields: [string, Compiled | unknown][] = [];
  for (const key of Object.keys(node)) if (!RESERVED.has(key)) fields.push([key, compileNode(node[key])]);
  const data = node.$data === undefined ? undefined : compileNode(node.$data);
  const when = node.$when;
  const whenPath = typeof when === 'string' && when.includes('${') ? compileWhen(when) : undefined;
  const dropAlways = when !== undefined && whenPath === undefined && !!when;

  const one = (scope: Scope): Record<string, unknown> | undefined => {
    if (dropAlways || (whenPath && whenPath(scope) !== true)) return undefined;
    const out: Record<string, unknown> = {};
    for (const [key, c] of fields) {
      const v = run(c, scope);
      if (v !== undefined) out[key] = v;
    }
    return out;
  };

  return (scope) => {
    if (data === undefined) return one(scope) ?? null;
    const ctx = run(data, scope);
    const contexts = Array.isArray(ctx) ? ctx : [ctx];
    const out: Record<string, unknown>[] = [];
    // An undefined item keeps the data of the item before it, as the library's context does.
    let current = scope.data;
    for (let i = 0; i < contexts.length; i++) {
      if (contexts[i] !== undefined) current = contexts[i];
      const v = one({ root: scope.root, data: current, index: Array.isArray(ctx) ? i : scope.index });
      if (v) out.push(v);
    }
    return out.length === 0 ? null : out.length === 1 ? out[0] : out;
  };
}

/** `$when` is read without null substitution: only a value of exactly `true` keeps the element. */
function compileWhen(text: string): (scope: Scope) => unknown {
  const m = /^\$\{([^{}]*)\}$/.exec(text);
  if (!m) throw new Error(`card template: $when must be one binding: ${text}`);
  return compilePath(m[1]);
}

export type ExpandCompiled = (data: Record<string, unknown>) => AdaptiveCard;

/** Compile a template once; expand it per reply with `$root` = data. */
export function compileTemplate(template: unknown): ExpandCompiled {
  const compiled = compileNode(template);
  return (data) => run(compiled, { root: data, data }) as AdaptiveCard;
}
