// JSON in a paste: whole-line values (JSON lines, the fast path), several values on one line, values
// spanning lines (pretty-printed exports), and values embedded in prose. String-aware brace matching;
// a span is only ever looked for inside bounds, so a stray brace cannot swallow the rest of a paste.

export type Obj = Record<string, unknown>;

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function tryParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Where a JSON scan stands with respect to strings. */
interface StringState {
  inString: boolean;
  escape: boolean;
}

/** Feed one character; true when it belongs to a string (its quotes included), so braces in it don't count. */
function inJsonString(s: StringState, ch: number): boolean {
  if (s.inString) {
    if (s.escape) s.escape = false;
    else if (ch === 92) s.escape = true;
    else if (ch === 34) s.inString = false;
    return true;
  }
  if (ch === 34) {
    s.inString = true;
    return true;
  }
  return false;
}

/**
 * End (exclusive) of the balanced {...} or [...] starting at `start` in `text`, or -1. Stops at
 * `limit`. Linear.
 */
export function balancedEnd(text: string, start: number, limit = text.length): number {
  let depth = 0;
  const str: StringState = { inString: false, escape: false };
  for (let i = start; i < limit; i++) {
    const ch = text.charCodeAt(i);
    if (inJsonString(str, ch)) continue;
    if (ch === 123 || ch === 91) depth++;
    else if (ch === 125 || ch === 93) {
      depth--;
      if (depth === 0) return i + 1;
      if (depth < 0) return -1;
    }
  }
  return -1;
}

/** Parse JSON the way it arrives in CSV cells ("" for ") or escaped inside another string (\"). */
export function parseLenient(text: string): unknown {
  const v = tryParse(text);
  if (v !== undefined) return v;
  if (text.includes('""')) {
    const w = tryParse(text.replace(/""/g, '"'));
    if (w !== undefined) return w;
  }
  if (text.includes('\\"')) return tryParse(text.replace(/\\"/g, '"'));
  return undefined;
}

/**
 * JSON objects embedded anywhere in a line of prose: each outermost balanced {...} that parses, and when
 * one does not, the objects directly inside it. One pass with a stack of open braces, and a cap on the
 * characters handed to JSON.parse, so a line of braces stays linear. In a CSV cell ("{""a"":1}") quotes
 * are doubled, so there braces are matched without reading strings.
 */
export function embeddedObjects(text: string, max = 8): Obj[] {
  const out: Obj[] = [];
  const quotesDoubled = text.includes('""');
  let parseBudget = 4 * text.length + 64;
  const stack: number[] = [];
  // Spans one level inside the current outermost span, kept in case the outer one is not JSON.
  let inner: [number, number][] = [];
  const str: StringState = { inString: false, escape: false };
  const tryObject = (start: number, end: number): boolean => {
    if (parseBudget <= 0) return false;
    parseBudget -= end - start;
    const v = parseLenient(text.slice(start, end));
    if (isObj(v)) {
      out.push(v);
      return true;
    }
    return false;
  };
  for (let i = 0; i < text.length && out.length < max; i++) {
    const ch = text.charCodeAt(i);
    // Quotes in prose outside any brace are not JSON strings.
    if (!quotesDoubled && (stack.length || str.inString) && inJsonString(str, ch)) continue;
    if (ch === 123) {
      if (stack.length < 64) stack.push(i);
    } else if (ch === 125 && stack.length) {
      const start = stack.pop()!;
      if (stack.length === 1) inner.push([start, i + 1]);
      else if (stack.length === 0) {
        if (!tryObject(start, i + 1)) for (const [s, e] of inner.slice(0, 8)) tryObject(s, e);
        inner = [];
      }
    }
  }
  return out;
}

/** Consecutive whole JSON values on one line ("{...} {...}" or "{...}{...}"), or undefined. */
export function valuesOnLine(line: string): unknown[] | undefined {
  const out: unknown[] = [];
  let i = 0;
  while (i < line.length) {
    while (i < line.length && (line[i] === ' ' || line[i] === '\t' || line[i] === ',')) i++;
    if (i >= line.length) break;
    if (line[i] !== '{' && line[i] !== '[') return undefined;
    const end = balancedEnd(line, i);
    if (end === -1) return undefined;
    const v = tryParse(line.slice(i, end));
    if (v === undefined) return undefined;
    out.push(v);
    i = end;
  }
  return out.length ? out : undefined;
}

export interface Span {
  value: unknown;
  /** 0-based first and last line of the span. */
  startLine: number;
  endLine: number;
  /** 0-based line of each element of a top-level array. */
  elementLines: number[];
  /** 0-based line of each object one level further in (the records of {"records": [...]}). */
  innerLines: number[];
}

/**
 * A JSON value starting at `lines[li]`, column `col`, spanning lines. `budget.chars` bounds the work
 * spent on spans that turn out not to be JSON, so pathological input stays linear.
 */
export function spanAt(lines: string[], li: number, col: number, budget: { chars: number }): Span | undefined {
  let depth = 0;
  const str: StringState = { inString: false, escape: false };
  const elementLines: number[] = [];
  const innerLines: number[] = [];
  const parts: string[] = [];
  let scanned = 0;
  for (let l = li; l < lines.length; l++) {
    const line = lines[l];
    const from = l === li ? col : 0;
    scanned += line.length - from + 1;
    if (scanned > budget.chars) break;
    for (let c = from; c < line.length; c++) {
      const ch = line.charCodeAt(c);
      if (inJsonString(str, ch)) continue;
      if (ch === 123 || ch === 91) {
        depth++;
        if (ch === 123 && depth === 2) elementLines.push(l);
        if (ch === 123 && depth === 3) innerLines.push(l);
      } else if (ch === 125 || ch === 93) {
        depth--;
        if (depth === 0) {
          parts.push(line.slice(from, c + 1));
          const value = tryParse(parts.join('\n'));
          if (value === undefined) break;
          return { value, startLine: li, endLine: l, elementLines, innerLines };
        }
      }
    }
    if (str.inString) break; // a string never spans lines in JSON
    if (depth === 0) break;
    parts.push(line.slice(from));
  }
  budget.chars -= scanned;
  return undefined;
}
