// Words a regex cannot match without: each branch of its top-level alternation starts with a literal
// (after any \b or ^), and that literal, lower-cased for an /i regex, must appear in the text. A
// cheap indexOf on them skips the regex, and V8 never compiles a regex that no text has needed.
// Exact by construction: a branch that does not start with a plain literal makes the whole regex
// "always run" (undefined).

const SPECIAL = new Set(['\\', '^', '$', '.', '|', '?', '*', '+', '(', ')', '[', ']', '{', '}']);

/** The index just past the atom at `i`: an escape, a class, a group with all it holds, or one character (-1: unclosed). */
function pastAtom(source: string, i: number): number {
  const c = source[i];
  if (c === '\\') return i + 2;
  if (c === '[') {
    for (let j = i + 1; j < source.length; j++) {
      if (source[j] === '\\') j++;
      else if (source[j] === ']') return j + 1;
    }
    return -1;
  }
  if (c === '(') {
    for (let j = i + 1; j < source.length; ) {
      if (source[j] === ')') return j + 1;
      j = pastAtom(source, j);
      if (j < 0) return -1;
    }
    return -1;
  }
  return i + 1;
}

/** The top-level branches of a regex source (split at '|' outside groups and classes). */
function branches(source: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i < source.length && i >= 0; ) {
    if (source[i] === '|') {
      out.push(source.slice(start, i));
      start = ++i;
    } else i = pastAtom(source, i);
  }
  out.push(source.slice(start));
  return out;
}

/** True when the token at `i` makes the one before it optional or repeatable from zero. */
function optionalAfter(source: string, i: number): boolean {
  const c = source[i];
  return c === '?' || c === '*' || (c === '{' && /^\{0\b|^\{,/.test(source.slice(i)));
}

/** The literal a branch starts with ('' when it starts with anything else). */
function leadingLiteral(branch: string): string {
  let i = 0;
  // Zero-width at the start: \b and ^ match no character.
  while (branch.startsWith('\\b', i) || branch[i] === '^') i += branch[i] === '^' ? 1 : 2;
  let lit = '';
  while (i < branch.length) {
    let ch: string;
    let next: number;
    if (branch[i] === '\\') {
      const e = branch[i + 1];
      // Only an escaped punctuation character is itself (\. \/ \( ...); \s \d \w \b \x.. are not.
      if (e === undefined || /[A-Za-z0-9]/.test(e)) break;
      ch = e;
      next = i + 2;
    } else if (SPECIAL.has(branch[i])) break;
    else {
      ch = branch[i];
      next = i + 1;
    }
    if (optionalAfter(branch, next)) break;
    lit += ch;
    i = next;
    // A quantifier of at least one keeps this character but ends the literal.
    if (branch[i] === '+' || branch[i] === '{') break;
  }
  return lit;
}

/** Where the text after the quantifier at `i` starts (-1 when it cannot be read). */
function afterQuantifier(source: string, i: number): number {
  let j = i;
  if (source[j] === '{') {
    j = source.indexOf('}', j);
    if (j < 0) return -1;
  }
  j++;
  // A lazy quantifier.
  if (source[j] === '?') j++;
  return j < source.length ? j : -1;
}

/** The literals one of which starts every match of `source`, or undefined. */
function needlesOf(source: string): string[] | undefined {
  const out: string[] = [];
  for (const b of branches(source)) {
    // A branch that opens with a group that must match (not a look-around, not optional): its branches' literals.
    const group = b.startsWith('(?:') ? 3 : b.startsWith('(') && b[1] !== '?' ? 1 : 0;
    if (group) {
      const close = pastAtom(b, 0) - 1;
      if (close < 0) return undefined;
      if (optionalAfter(b, close + 1)) {
        // An optional group: what follows it must still match, so its literals are needed.
        const rest = afterQuantifier(b, close + 1);
        const after = rest > 0 ? needlesOf(b.slice(rest)) : undefined;
        if (!after) return undefined;
        out.push(...after);
        continue;
      }
      const inner = needlesOf(b.slice(group, close));
      if (!inner) return undefined;
      out.push(...inner);
      continue;
    }
    const lit = leadingLiteral(b);
    if (!lit) return undefined;
    out.push(lit);
  }
  return out;
}

/**
 * Literals of which at least one is in every text `re` matches (lower-cased when `re` ignores case),
 * or undefined when no such list can be read from its source.
 */
export function requiredNeedles(re: RegExp): string[] | undefined {
  if (re.unicode || re.sticky) return undefined;
  let needles = needlesOf(re.source);
  if (needles && re.ignoreCase) {
    // Case folding of non-ASCII letters is not toLowerCase's: such a literal is not a safe needle.
    needles = needles.some((n) => /[^\x00-\x7f]/.test(n)) ? undefined : needles.map((n) => n.toLowerCase());
  }
  // A needle holding another is found whenever that one is: keep the shorter.
  return needles?.filter((n, i) => !needles!.some((m, j) => j !== i && n.includes(m) && (m !== n || j < i)));
}

/** False only when `re` cannot match `text` (`lower` is its toLowerCase()): none of its needles is there. */
export function mayMatch(re: RegExp, needles: readonly string[] | undefined, text: string, lower: string): boolean {
  return !needles || hasNeedle(needles, re.ignoreCase, text, lower);
}

/** True when `text` (and `lower`, its toLowerCase()) holds one of the needles. */
export function hasNeedle(needles: readonly string[], ignoreCase: boolean, text: string, lower: string): boolean {
  const hay = ignoreCase ? lower : text;
  for (const n of needles) if (hay.indexOf(n) !== -1) return true;
  return false;
}
