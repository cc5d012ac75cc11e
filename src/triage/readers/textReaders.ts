// Readers of prose: timestamps, IoT Hub codes, credential messages, SDK status words, structural ids,
// hubs and connection words, over the record's text and the text values its other readers kept.
import { CODE_TOKEN, lookupToken } from '../codes';
import { addCandidate, Rank, type FieldBag, type TextPiece } from '../fields/bag';
import { findHub, structuralIds } from '../identifiers';
import { matchMessage } from '../messages';
import { sdkHits } from '../sdkStatus';
import { findTimeCandidates } from '../time';
import { memoText } from '../memo';
import { mayMatch, requiredNeedles } from '../regexNeedles';
import type { CodeInfo } from '../codes';
import type { Reader } from './reader';

// A value (offset -1) is read through these: the same readings, remembered per distinct value.
const codeTokens = (text: string): { info: CodeInfo | undefined; index: number }[] => {
  const out: { info: CodeInfo | undefined; index: number }[] = [];
  CODE_TOKEN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = CODE_TOKEN.exec(text)) && out.length < 32) out.push({ info: lookupToken(m[1]), index: m.index });
  return out;
};
const valueCodeTokens = memoText(codeTokens);
const valueMessage = memoText(matchMessage);
const valueSdkHits = memoText((text: string) => sdkHits(text));
const valueIds = memoText((text: string) => ({ ids: structuralIds(text), hub: findHub(text) }));

/** Tabs read as spaces (a grid copy puts them between words); same length, so offsets still hold. */
function spaced(text: string): string {
  return text.indexOf('\t') === -1 ? text : text.replace(/\t/g, ' ');
}

function pieces(bag: FieldBag): TextPiece[] {
  if (bag.pieces) return bag.pieces;
  const rec = bag.record;
  bag.pieces = rec.json || rec.columns ? bag.texts : [{ text: spaced(rec.text), offset: 0 }, ...bag.texts];
  return bag.pieces;
}

export const times: Reader = {
  name: 'times',
  read(bag) {
    const rec = bag.record;
    if (rec.json || rec.columns) {
      // A labelled time that is not ISO may still need the paste's day/month order.
      if (typeof bag.labelledTime === 'string' && !/^\d{4}-\d\d-\d\dT/.test(bag.labelledTime)) bag.times = findTimeCandidates(bag.labelledTime, 1);
      return;
    }
    const own = pieces(bag)[0].text;
    // Three are enough: a chat or copy prefix, the event's own time, and one to spare.
    bag.times = findTimeCandidates(own.length > 2000 ? own.slice(0, 2000) : own, 3);
  },
};

export const codes: Reader = {
  name: 'codes',
  read(bag) {
    for (const p of pieces(bag)) {
      const tokens = p.offset < 0 ? valueCodeTokens(p.text) : codeTokens(p.text);
      for (let k = 0; k < tokens.length && bag.codes.length < 8; k++) {
        const info = tokens[k].info;
        if (!info || bag.codes.some((c) => c.info.code === info.code)) continue;
        bag.codes.push({ info, index: p.offset < 0 ? -1 : tokens[k].index });
      }
    }
  },
};

export const messages: Reader = {
  name: 'messages',
  read(bag) {
    for (const p of pieces(bag)) {
      const m = p.offset < 0 ? valueMessage(p.text) : matchMessage(p.text);
      if (!m || bag.messages.some((x) => x.kind === m.kind && x.event === m.event)) continue;
      bag.messages.push(Object.assign({}, m, { index: p.offset < 0 ? -1 : m.index }));
      addCandidate(bag.deviceIds, m.deviceId, Rank.Structural, 'message', p.offset < 0 ? -1 : m.index);
      addCandidate(bag.hubs, m.hub?.toLowerCase(), Rank.Structural, 'message');
    }
  },
};

export const sdkWords: Reader = {
  name: 'sdk-status',
  read(bag) {
    for (const p of pieces(bag)) {
      for (const h of p.offset < 0 ? valueSdkHits(p.text) : sdkHits(p.text)) {
        if (bag.sdk.some((x) => x.meaning === h.meaning)) continue;
        bag.sdk.push(Object.assign({}, h, { index: p.offset < 0 ? -1 : h.index }));
      }
    }
  },
};

export const identities: Reader = {
  name: 'identities',
  read(bag) {
    for (const p of pieces(bag)) {
      const found = p.offset < 0 ? valueIds(p.text) : { ids: structuralIds(p.text), hub: findHub(p.text) };
      for (const hit of found.ids) {
        addCandidate(bag.deviceIds, hit.deviceId, Rank.Structural, hit.source, p.offset < 0 ? -1 : hit.index);
        addCandidate(bag.moduleIds, hit.moduleId, Rank.Structural, hit.source);
        addCandidate(bag.hubs, hit.hub, Rank.Structural, hit.source);
      }
      addCandidate(bag.hubs, found.hub, Rank.Structural, 'host');
    }
  },
};

const CONNECTED =
  /\bDevice_?Connected\b|\bdeviceConnect\b|\bConnectionStatus\W{0,3}Connected\b|\bstatus(?: changed)?(?: to)?\W{0,3}Connected\b|\bClient connected\b|\bconnected to (?:IoT ?Hub|the hub|Azure IoT|cloud)\b|\bClientAuthenticated\b|\bCONNACK\b[^\r\n]{0,60}\b(?:rc|returnCode|return code)?\W{0,3}0(?:x0{1,2})?\b|\breconnected\b|\bsuccessfully (?:re)?connected\b|\bconnection (?:re-?)?established\b/i;
const DISCONNECTED = /\bDevice_?Disconnected\b|\bdeviceDisconnect\b|\bConnectionStatus\W{0,3}Disconnected\b|\bstatus(?: changed)?(?: to)?\W{0,3}Disconnected\b/i;
const FAILED = /\b(?:error|errors|failed|failure|refused|denied|unauthori[sz]ed|not authori[sz]ed|exception)\b/i;

// The C SDK's MQTT packet trace: "-> 08:17:01 DISCONNECT", "<- 08:17:01 CONNACK | SESSION_PRESENT: false | RETURN_CODE: 0x5".
const TRACE = /(?:^\s*|:\s)(->|<-)\s*(?:\d{2}:\d{2}:\d{2}\s+)?(DISCONNECT|CONNACK)\b([^\n]{0,120})/;

interface Word {
  index: number;
  0: string;
}
// A text with none of a pattern's leading words (regexNeedles.ts) skips it: most prose has neither.
const CONNECTED_NEEDLES = requiredNeedles(CONNECTED);
const DISCONNECTED_NEEDLES = requiredNeedles(DISCONNECTED);
/** The connection-word patterns and their needles, for tests. */
export const CONNECTION_WORD_PATTERNS = [
  { re: CONNECTED, needles: CONNECTED_NEEDLES },
  { re: DISCONNECTED, needles: DISCONNECTED_NEEDLES },
];

function connectionWordsOf(text: string): { c: Word | null; d: Word | null; failed: boolean } {
  const lower = text.toLowerCase();
  const c = mayMatch(CONNECTED, CONNECTED_NEEDLES, text, lower) ? CONNECTED.exec(text) : null;
  const d = mayMatch(DISCONNECTED, DISCONNECTED_NEEDLES, text, lower) ? DISCONNECTED.exec(text) : null;
  return { c: c && { index: c.index, 0: c[0] }, d: d && { index: d.index, 0: d[0] }, failed: !!(c || d) && FAILED.test(text) };
}
const valueConnectionWords = memoText(connectionWordsOf);

export const mqttTrace: Reader = {
  name: 'mqtt-trace',
  read(bag) {
    const rec = bag.record;
    if (rec.json || rec.columns || rec.text.indexOf('-') === -1 && rec.text.indexOf('<') === -1) return;
    const m = TRACE.exec(rec.text);
    if (!m) return;
    if (m[1] === '->' && m[2] === 'DISCONNECT') bag.mqttTrace = 'disconnect-sent';
    else if (m[1] === '<-' && m[2] === 'CONNACK') {
      const rc = /RETURN_CODE:\s{0,2}(0x)?([0-9a-f]{1,2})/i.exec(m[3]);
      const code = rc ? parseInt(rc[2], rc[1] ? 16 : 10) : 0;
      // 0x3 is "server unavailable"; 0x2, 0x4 and 0x5 refuse the identity or its credential.
      bag.mqttTrace = code === 0 ? 'connack-ok' : code === 3 ? 'connack-unavailable' : 'connack-refused';
    }
  },
};

export const connectionWords: Reader = {
  name: 'connection-words',
  read(bag) {
    for (const p of pieces(bag)) {
      const w = p.offset < 0 ? valueConnectionWords(p.text) : connectionWordsOf(p.text);
      const c = w.c;
      const d = w.d;
      if (!c && !d) continue;
      const level = bag.labels.get('level') ?? '';
      const status = bag.labels.get('statusCode') ?? '';
      const failed = w.failed || /error|fail|warn|crit/i.test(level) || /^[45]/.test(status);
      // "Disconnected" said after "connected" in one text is a change of state to disconnected.
      const type = c && (!d || c.index < d.index) && !/disconnect/i.test(c[0]) ? 'connected' : 'disconnected';
      if (type === 'connected' && d && d.index > c!.index) bag.connection = { type: 'disconnected', index: p.offset < 0 ? -1 : d.index, failed };
      else bag.connection = { type, index: p.offset < 0 ? -1 : (type === 'connected' ? c! : d!).index, failed };
      return;
    }
  },
};
