// Storing a labelled value (a JSON key, a CSV column, a key=value label) under its field name.
import { addCandidate, Rank, type FieldBag } from '../fields/bag';
import { TEXT_FIELDS, type FieldName } from '../fields/aliases';
import { hubFromHostName, hubFromResourceId } from '../identifiers';
import { intern, memoText } from '../memo';

const hubOfResourceId = memoText(hubFromResourceId, 512);

export function label(bag: FieldBag, field: FieldName, value: unknown, source: string, index = -1): void {
  if (field === 'time') {
    if (bag.labelledTime === undefined && (typeof value === 'number' || (typeof value === 'string' && value.length > 0))) bag.labelledTime = value;
    return;
  }
  const raw = typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : undefined;
  if (!raw) return;
  const v = intern(raw);
  switch (field) {
    case 'deviceId': {
      // IoT Edge names a module's client "<device>/<module>".
      const slash = v.indexOf('/');
      const device = slash > 0 ? intern(v.slice(0, slash)) : v;
      addCandidate(bag.deviceIds, device.length <= 128 && !/\s/.test(device) ? device : undefined, Rank.Labelled, source, index);
      if (slash > 0) addCandidate(bag.moduleIds, v.slice(slash + 1), Rank.Labelled, source);
      return;
    }
    case 'clientId': {
      // The MQTT client id is the device id ("<device>/<module>" for a module).
      const [device, module] = v.split('/');
      addCandidate(bag.deviceIds, device.length <= 128 ? device : undefined, Rank.Structural, source, index);
      if (module) addCandidate(bag.moduleIds, module, Rank.Structural, source);
      return;
    }
    case 'moduleId':
      addCandidate(bag.moduleIds, v.length <= 128 ? v : undefined, Rank.Labelled, source);
      return;
    case 'hub':
      if (/^[A-Za-z0-9][A-Za-z0-9-]{1,48}[A-Za-z0-9]$/.test(v)) addCandidate(bag.hubs, v.toLowerCase(), Rank.Labelled, source);
      else addCandidate(bag.hubs, hubFromHostName(v), Rank.Labelled, source);
      return;
    case 'hostName':
      addCandidate(bag.hubs, hubFromHostName(v), Rank.Labelled, source);
      return;
    case 'resourceId':
      addCandidate(bag.hubs, hubOfResourceId(v), Rank.Labelled, source);
      return;
    default:
      if (!bag.labels.has(field)) bag.labels.set(field, v);
      if (TEXT_FIELDS.has(field) && bag.texts.length < 24) bag.texts.push({ text: v.length > 4000 ? v.slice(0, 4000) : v, offset: -1 });
  }
}
