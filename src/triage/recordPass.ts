// Stages "split", "read", "identities" and "classify", a record at a time: every reader reads every
// record, and the record becomes its events. What later stages need of a record is kept (its events, a
// compact time, prose records for attribution); its parsed JSON and field bag are not, so a big export
// never holds every record's at once. Times wait for the whole paste (day/month order).
import type { ProseRecord } from './attributeDevices';
import type { Resolved } from './classify';
import { RecordClassifier } from './classifyRecords';
import { best, Rank, type FieldBag } from './fields/bag';
import { isPlaceholderId } from './identifiers';
import { eventsOf, lineKey, LineTemplates, templateOf, type LineKey } from './lineTemplates';
import { readRecord } from './readers';
import { eachRecord, SplitState } from './records/split';
import type { SourceRecord } from './records/record';
import type { Timed } from './resolveTimes';
import { isOrderFree, parseTime, type TimeCandidate } from './time';
import { UnreadEvidence } from './unread';

const NO_TIMES: TimeCandidate[] = [];

/** A JSON value or row with an order-free labelled time: just the time (see resolveTimes' Timed). */
function timedMs(ms: number | undefined): Timed {
  return ms === undefined ? { times: NO_TIMES, structured: true, text: '' } : ms;
}

/** Stage "identities": each record's device, module and hub from its candidates, by rank. */
function resolveIdentity(bag: FieldBag): Resolved {
  const device = best(bag.deviceIds.filter((c) => c.rank <= Rank.Structural && !isPlaceholderId(c.value)));
  const module = best(bag.moduleIds.filter((c) => !isPlaceholderId(c.value)));
  return { deviceId: device?.value, moduleId: device ? module?.value : undefined, hub: best(bag.hubs)?.value };
}

export class RecordPass {
  readonly classifier = new RecordClassifier();
  readonly unread = new UnreadEvidence();
  /** Per record, what stage "times" needs. */
  readonly timed: Timed[] = [];
  /** Prose records (not JSON values or rows), for stage "attribute". */
  readonly prose: ProseRecord[] = [];
  /** Per event (in classifier order), the index of its record. */
  readonly eventRecord: number[] = [];
  private readonly split = new SplitState();
  // Lines of a big export read from their template (lineTemplates.ts); `pending` is a line being read
  // the long way whose reading may become a template.
  private readonly templates: LineTemplates | undefined;
  private pending: (LineKey & { line: string; lineNo: number }) | undefined;

  constructor(lineTemplates: boolean) {
    this.templates = lineTemplates ? new LineTemplates() : undefined;
  }

  /** Reads one segment of redacted text whose first line is line `lineBase + 1`; returns its lines. */
  read(text: string, lineBase: number): string[] {
    return eachRecord(text, this.onRecord, this.templates && this.takeLine, lineBase, this.split);
  }

  private readonly takeLine = (line: string, lineNo: number): boolean => {
    this.pending = undefined;
    const k = lineKey(line);
    if (!k) return false;
    const t = this.templates!.get(line, k);
    if (!t) {
      this.pending = Object.assign({}, k, { line, lineNo });
      return false;
    }
    const index = this.timed.length;
    const found = eventsOf(t, k.deviceId, lineNo);
    this.classifier.addTemplated(t, k.deviceId, found);
    for (let n = 0; n < found.length; n++) this.eventRecord.push(index);
    this.timed.push(k.ms);
    return true;
  };

  private readonly onRecord = (record: SourceRecord): void => {
    const index = this.timed.length;
    const bag = readRecord(record);
    const r = resolveIdentity(bag);
    const found = this.classifier.add(bag, r);
    const p = this.pending;
    if (p && record.line === p.lineNo && record.kind === 'json' && record.text === p.line) {
      const t = templateOf(p, bag, r.deviceId, found, this.classifier.lastShape);
      if (t) this.templates!.set(p.line, p, t);
      this.pending = undefined;
    }
    for (let k = 0; k < found.length; k++) this.eventRecord.push(index);
    this.unread.see(bag, found.length > 0);
    const structured = !!(record.json || record.columns);
    // An ISO or epoch time is read now (a number is lighter to keep than the record's string).
    const lt = bag.labelledTime;
    const orderFree = lt !== undefined && isOrderFree(lt);
    if (structured && orderFree && !bag.times.length) this.timed.push(timedMs(parseTime(lt)));
    else this.timed.push({ times: bag.times.length ? bag.times : NO_TIMES, labelledTime: orderFree ? undefined : lt, labelledMs: orderFree ? parseTime(lt) : undefined, structured, text: structured ? '' : record.text });
    if (!structured) this.prose.push({ index, record, deviceId: r.deviceId, events: found });
  };
}
