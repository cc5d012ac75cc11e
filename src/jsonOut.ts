// `JSON.stringify(value, null, 2)`, written in pieces: a big triage's long arrays (thousands of device
// rows) are written a batch of elements at a time, so the whole text never exists at once. Same bytes.

const BATCH = 200;

function indent(text: string, pad: string): string {
  return text.replace(/\n/g, `\n${pad}`);
}

/** Writes `value` as JSON.stringify(value, null, 2) + "\n" would, splitting top-level arrays into batches. */
export function writeJson(value: unknown, write: (text: string) => void): void {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    write(`${JSON.stringify(value, null, 2)}\n`);
    return;
  }
  // toJSON, undefined and function members are JSON.stringify's to decide, member by member.
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => JSON.stringify(v) !== undefined);
  if (!entries.length) {
    write('{}\n');
    return;
  }
  write('{\n');
  entries.forEach(([k, v], i) => {
    const end = i === entries.length - 1 ? '\n' : ',\n';
    const key = `  ${JSON.stringify(k)}: `;
    if (!Array.isArray(v) || v.length <= BATCH) {
      write(`${key}${indent(JSON.stringify(v, null, 2), '  ')}${end}`);
      return;
    }
    write(`${key}[\n`);
    for (let j = 0; j < v.length; j += BATCH) {
      const part = v.slice(j, j + BATCH).map((x) => `    ${indent(JSON.stringify(x === undefined || typeof x === 'function' || typeof x === 'symbol' ? null : x, null, 2) ?? 'null', '    ')}`);
      write(part.join(',\n') + (j + BATCH < v.length ? ',\n' : '\n'));
    }
    write(`  ]${end}`);
  });
  write('}\n');
}
