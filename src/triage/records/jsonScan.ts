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

/**
 * End (exclusive) of the balanced {...} or [...] starting at `start` in `text`, or -1. Stops at
 * `limit`. Linear.
 */
export function balancedEnd(text: string, start: number, limit = text.length): number {
  let depth = 0;
  let inString = false;
  let escape = false;
  for (let i = start; i < limit; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (escape) escape = false;
      else if (ch === 92) escape = true;
      else if (ch === 34) inString = false;
      continue;
    }
    if (ch === 34) inString = true;
    else if (ch === 123 || ch === 91) depth++;
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

/** JSON objects embedded anywhere in one line of prose: each balanced {...} that parses. */
export function embeddedObjects(text: string, max = 8): Obj[] {
  const out: Obj[] = [];
  let i = text.indexOf('{');
  while (i !== -1 && out.length < max) {
    let end = balancedEnd(text, i);
    // A quoted cell ("{""a"":1}") is balanced only when its doubled quotes are read as one.
    if (end === -1 && text.includes('""', i)) {
      const close = text.indexOf('}"', i);
      end = close === -1 ? -1 : close + 1;
    }
    if (end === -1) {
      i = text.indexOf('{', i + 1);
      continue;
    }
    const v = parseLenient(text.slice(i, end));
    if (isObj(v)) {
      out.push(v);
      i = text.indexOf('{', end);
    } else i = text.indexOf('{', i + 1);
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
  let inString = false;
  let escape = false;
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
      if (inString) {
        if (escape) escape = false;
        else if (ch === 92) escape = true;
        else if (ch === 34) inString = false;
        // A string never spans lines in JSON.
        continue;
      }
      if (ch === 34) inString = true;
      else if (ch === 123 || ch === 91) {
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
    if (inString) break; // an unterminated string: not JSON
    if (depth === 0) break;
    parts.push(line.slice(from));
  }
  budget.chars -= scanned;
  return undefined;
}
