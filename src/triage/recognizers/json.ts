// Finds JSON in a paste: whole-line objects (JSON lines, blob exports) fast, then any top-level
// {...} or [{...}] span across lines (pretty-printed arrays, {"records": [...]}, JSON inside prose).
// One pass, linear: a span that never closes ends the scan; one that fails to parse is skipped whole.

export interface JsonSpan {
  value: unknown;
  /** 0-based first and last line of the span. */
  startLine: number;
  endLine: number;
  /** Line (0-based) where each element of the top-level array starts (or the object itself). */
  elementLines: number[];
  /** For {"records": [...]} style wrappers: the lines where each inner record starts. */
  innerLines: number[];
}

/** Parse a line that is one whole JSON object, or undefined. */
export function parseJsonLine(line: string): unknown {
  const t = line.trim();
  if (t.length < 2 || t[0] !== '{' || t[t.length - 1] !== '}') return undefined;
  try {
    return JSON.parse(t);
  } catch {
    return undefined;
  }
}

/** Scan the lines not yet consumed for JSON spans. */
export function scanJson(lines: string[], consumed: Uint8Array): JsonSpan[] {
  const spans: JsonSpan[] = [];
  let depth = 0;
  let inString = false;
  let escape = false;
  let start: { line: number; col: number } | undefined;
  let buf: string[] = [];
  let elementLines: number[] = [];
  let innerLines: number[] = [];
  for (let li = 0; li < lines.length; li++) {
    if (consumed[li]) {
      if (start) {
        // a consumed line inside an open span: the span is not JSON after all
        start = undefined;
        depth = 0;
        inString = false;
        buf = [];
      }
      continue;
    }
    const line = lines[li];
    if (!start && line.indexOf('{') === -1 && line.indexOf('[') === -1) continue;
    let segStart = 0;
    for (let ci = 0; ci < line.length; ci++) {
      const ch = line.charCodeAt(ci);
      if (!start) {
        if (ch === 123 /* { */ || (ch === 91 /* [ */ && /^\[\s*(?:\{|$)/.test(line.slice(ci, ci + 20)))) {
          start = { line: li, col: ci };
          segStart = ci;
          depth = 1;
          inString = false;
          escape = false;
          elementLines = ch === 123 ? [li] : [];
          innerLines = [];
        }
        continue;
      }
      if (inString) {
        if (escape) escape = false;
        else if (ch === 92 /* \ */) escape = true;
        else if (ch === 34 /* " */) inString = false;
        continue;
      }
      if (ch === 34) inString = true;
      else if (ch === 123 || ch === 91) {
        depth++;
        if (ch === 123 && depth === 2) elementLines.push(li);
        if (ch === 123 && depth === 3) innerLines.push(li);
      } else if (ch === 125 || ch === 93) {
        depth--;
        if (depth === 0) {
          buf.push(line.slice(segStart, ci + 1));
          const text = buf.join('\n');
          buf = [];
          try {
            spans.push({ value: JSON.parse(text), startLine: start.line, endLine: li, elementLines, innerLines });
          } catch {
            // not JSON (a stack trace's braces, a template): skip it whole
          }
          start = undefined;
          segStart = ci + 1;
        }
      }
    }
    if (start) buf.push(line.slice(segStart));
  }
  return spans;
}
