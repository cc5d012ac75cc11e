// key=value and key: value labels in prose (logfmt, connection strings, "Reason: Bad_Credential").
// Only keys the alias table knows count; quoted values may hold spaces.
import { fieldOf } from '../fields/aliases';
import { label } from './label';
import type { Reader } from './reader';

const KV = /(?<![\w@.-])([A-Za-z_@][\w.@-]{0,40})["\\]{0,4}\s{0,2}[=:]\s{0,2}(?:""([^"\n]{1,256})""|"((?:[^"\\\n]|\\.){0,1000})"|'([^'\n]{0,1000})'|\\?"?([A-Za-z0-9$][^\s"'\\,;&|<>(){}[\]=]{0,255})(?![^\s"'\\,;&|<>(){}[\]]))/g;

export const keyValue: Reader = {
  name: 'key-value',
  read(bag) {
    const rec = bag.record;
    if (rec.json || rec.columns) return;
    const text = rec.text;
    if (text.indexOf('=') === -1 && text.indexOf(':') === -1) return;
    KV.lastIndex = 0;
    let m: RegExpExecArray | null;
    let n = 0;
    while ((m = KV.exec(text)) && n++ < 64) {
      const field = fieldOf(m[1]);
      if (!field) continue;
      // A CSV cell doubles its quotes: ""deviceId"":""pump-1"".
      const value = m[2] ?? m[3] ?? m[4] ?? m[5];
      if (field === 'time') {
        // A labelled time may hold spaces ("Timestamp: 2026-11-28 10:00:00"): the time reader reads it in place.
        if (m[2] !== undefined || m[3] !== undefined || m[4] !== undefined) label(bag, field, value, 'key-value', m.index);
        continue;
      }
      label(bag, field, value, 'key-value', m.index);
    }
  },
};
