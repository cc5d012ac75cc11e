// IoT Edge's hub drops a client whose token expired and lets it reconnect with a new one (by design,
// iotedge#676). A paste that ends at the drop proves neither churn nor a fault, but it does say what happened
// and what to paste next: the clients dropped at expiry that nothing in the paste shows back.
import type { ConnEvent } from './events';
import type { Finding } from './types';
import { kindCategory } from './verdict';

/**
 * "device" or "device/module" of each client edgeHub dropped at expiry that the paste does not judge: a reconnect
 * after the drop makes it churn (timeline.ts), a refusal a credential finding, and either says more than this.
 */
export function unconfirmedExpiryDrops(events: ConnEvent[], findings: Finding[]): string[] {
  const judged = new Set<string>();
  for (const f of findings) {
    const c = kindCategory(f.kind);
    if (f.deviceId && (c === 'benign' || c === 'credential')) judged.add(f.deviceId);
  }
  const out = new Set<string>();
  for (const e of events) if (e.expiryDrop && !(e.deviceId && judged.has(e.deviceId))) out.add(label(e));
  return [...out];
}

function label(e: ConnEvent): string {
  if (!e.deviceId) return '';
  return e.moduleId ? `${e.deviceId}/${e.moduleId}` : e.deviceId;
}
