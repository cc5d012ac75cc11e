// `JSON.stringify(value, null, 2)`, written in pieces: a big triage's long arrays (thousands of device
// rows) are written a batch of elements at a time, so the whole text never exists at once. Same bytes.

const BATCH = 100;

/** A member JSON.stringify leaves out of an object. */
const omitted = (v: unknown) => v === undefined || typeof v === 'function' || typeof v === 'symbol';

/** Writes `value` as JSON.stringify(value, null, 2) + "\n" would, splitting top-level arrays into batches. */
export function writeJson(value: unknown, write: (text: string) => void): void {
  const plain = value !== null && typeof value === 'object' && !Array.isArray(value) && typeof (value as { toJSON?: unknown }).toJSON !== 'function';
  if (!plain) {
    write(`${JSON.stringify(value, null, 2)}\n`);
    return;
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => !omitted(v));
  if (!entries.length) {
    write('{}\n');
    return;
  }
  write('{\n');
  entries.forEach(([k, v], i) => {
    const end = i === entries.length - 1 ? '\n' : ',\n';
    const key = `  ${JSON.stringify(k)}: `;
    if (!Array.isArray(v) || v.length <= BATCH) {
      write(`${key}${JSON.stringify(v, null, 2).replace(/\n/g, '\n  ')}${end}`);
      return;
    }
    write(`${key}[\n`);
    for (let j = 0; j < v.length; j += BATCH) {
      // A batch as its own array, one level deeper: drop its brackets, indent its lines.
      const batch = JSON.stringify(v.slice(j, j + BATCH), null, 2);
      write(`  ${batch.slice(2, -2).replace(/\n/g, '\n  ')}${j + BATCH < v.length ? ',\n' : '\n'}`);
    }
    write(`  ]${end}`);
  });
  write('}\n');
}
