// Rows under a CSV/TSV header, and Log Analytics query tables: each named cell is a labelled field.
import { fieldOf } from '../fields/aliases';
import { isObj, parseLenient } from '../records/jsonScan';
import { label } from './label';
import type { Reader } from './reader';
import type { FieldBag } from '../fields/bag';

function cell(bag: FieldBag, name: string, value: unknown): void {
  const field = fieldOf(name);
  if (typeof value === 'string' && value.length > 1 && value.charCodeAt(0) === 123) {
    const inner = parseLenient(value);
    if (isObj(inner)) {
      for (const k in inner) cell(bag, k, inner[k]);
      return;
    }
  }
  if (field) label(bag, field, value, 'column');
  else if (typeof value === 'string' && value.length > 3 && bag.texts.length < 24) bag.texts.push({ text: value, offset: -1 });
}

export const columns: Reader = {
  name: 'columns',
  read(bag) {
    const cols = bag.record.columns;
    if (!cols) return;
    for (const [name, value] of cols) cell(bag, name, value);
  },
};
