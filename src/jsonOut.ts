// `JSON.stringify(value, null, 2)`, written in pieces: a big triage's long arrays (thousands of device
// rows) are written a batch of elements at a time, so the whole text never exists at once. Same bytes.

const BATCH = 100;

/** A member JSON.stringify leaves out of an object. */
const omitted = (v: unknown) => v === undefined || typeof v === 'function' || typeof v === 'symbol';

/**
 * Writes `value` as JSON.stringify(value, null, 2) + "\n" would, splitting top-level arrays into batches.
 * When `write` says its buffer is full (returns false, as a stream does), the next batch waits for `drained`:
 * a pipe that reads slower than we write must not make us hold the whole output after all.
 */
export async function writeJson(value: unknown, write: (text: string) => unknown, drained?: () => Promise<void>): Promise<void> {
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
  for (const [i, [k, v]] of entries.entries()) {
    const end = i === entries.length - 1 ? '\n' : ',\n';
    const key = `  ${JSON.stringify(k)}: `;
    if (!Array.isArray(v) || v.length <= BATCH) {
      write(`${key}${JSON.stringify(v, null, 2).replace(/\n/g, '\n  ')}${end}`);
      continue;
    }
    write(`${key}[\n`);
    for (let j = 0; j < v.length; j += BATCH) {
      // A batch as its own array, one level deeper: drop its brackets, indent its lines.
      const batch = JSON.stringify(v.slice(j, j + BATCH), null, 2);
      const more = write(`  ${batch.slice(2, -2).replace(/\n/g, '\n  ')}${j + BATCH < v.length ? ',\n' : '\n'}`);
      if (more === false && drained) await drained();
    }
    write(`  ]${end}`);
  }
  write('}\n');
}
