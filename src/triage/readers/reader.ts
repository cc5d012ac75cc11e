// A reader adds what it can find in a record to the record's field bag, and never claims the record:
// every reader reads every record. To read a new input format, add a reader to the list in index.ts.
import type { FieldBag } from '../fields/bag';

export interface Reader {
  name: string;
  read(bag: FieldBag): void;
}
