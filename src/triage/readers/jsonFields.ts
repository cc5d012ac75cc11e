// JSON of any schema: the record's own object, or objects embedded in a line of prose or a CSV cell.
// Objects are walked (properties strings parsed too); known keys become labelled fields, other string
// values are kept as text for the text readers.
import { fieldOf } from '../fields/aliases';
import type { FieldBag } from '../fields/bag';
import { embeddedObjects, isObj, parseLenient, type Obj } from '../records/jsonScan';
import { memoText } from '../memo';
import { label } from './label';
import type { Reader } from './reader';

const MAX_DEPTH = 5;

// A resource log's "properties" string repeats for every event of one device and kind, and its
// "authType" string for nearly every record: each distinct one is parsed once. The walk only reads it.
const parseValue = memoText(parseLenient, 1024);

/**
 * A value under a key the alias table does not know is read as text when it could say something: prose
 * (it has a space), a code, or an error-like word. "westeurope" and a masked IP address are skipped, which
 * keeps big exports fast.
 */
function mayCarryEvidence(v: string): boolean {
  return v.length > 40 || v.indexOf(' ') !== -1 || /\d{6}|unauthori|exception|error|expired|disabled|denied|refused|_|devices\/|azure-devices|connect/i.test(v);
}
const MAX_KEYS = 200;

function walk(bag: FieldBag, o: Obj, depth: number, keepText: boolean, budget: { keys: number }): void {
  for (const k in o) {
    if (budget.keys-- <= 0) return;
    const v = o[k];
    const field = fieldOf(k);
    if (typeof v === 'string') {
      if (field === 'properties' || (v.length > 1 && v.charCodeAt(0) === 123 && v.charCodeAt(v.length - 1) === 125)) {
        const inner = parseValue(v);
        if (isObj(inner) && depth < MAX_DEPTH) {
          walk(bag, inner, depth + 1, keepText, budget);
          continue;
        }
      }
      if (field) label(bag, field, v, 'json');
      else if (keepText && v.length > 3 && bag.texts.length < 24 && mayCarryEvidence(v)) bag.texts.push({ text: v.length > 4000 ? v.slice(0, 4000) : v, offset: -1 });
    } else if (typeof v === 'number') {
      if (field) label(bag, field, v, 'json');
      // {"code": 401003} under a key the alias table does not know is still a code.
      else if (keepText && v >= 400000 && v < 600000 && Number.isInteger(v)) bag.texts.push({ text: String(v), offset: -1 });
    } else if (depth < MAX_DEPTH && v !== null && typeof v === 'object') {
      if (Array.isArray(v)) {
        for (let i = 0; i < v.length && i < 20; i++) if (isObj(v[i])) walk(bag, v[i] as Obj, depth + 1, keepText, budget);
      } else walk(bag, v as Obj, depth + 1, keepText, budget);
    }
  }
}

export const jsonFields: Reader = {
  name: 'json',
  read(bag) {
    const rec = bag.record;
    if (rec.json) {
      walk(bag, rec.json, 0, true, { keys: MAX_KEYS });
      return;
    }
    // Embedded objects: their values are already in the record's text, so only their labels count.
    if (rec.text.indexOf('{') !== -1 && rec.text.length < 200_000) {
      for (const o of embeddedObjects(rec.text)) walk(bag, o, 0, false, { keys: MAX_KEYS });
    }
  },
};
