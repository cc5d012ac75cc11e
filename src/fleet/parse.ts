// `hub <hub-name> [1h|6h|12h|24h|3d|7d]`: validated here, so nothing but a real hub name and a known
// window ever reaches the query builder (which escapes anyway).
import { FLEET_SINCE, isFleetSince, type FleetSince } from '../triage/fleetKql';
import type { Lang } from '../triage/types';

export const DEFAULT_FLEET_SINCE: FleetSince = '24h';

/** IoT Hub names: 3–50 letters, digits and hyphens. */
const HUB_NAME = /^[A-Za-z0-9-]{3,50}$/;
// Looks like a time window (so a typo like "2h" gets the window message, not the hub-name one).
const WINDOW_LIKE = /^\d{1,4}(?:s|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|weeks?)$/i;

const TEXT = {
  en: {
    usage: `Usage: hub <hub-name> [${FLEET_SINCE.join('|')}], for example "hub contoso-iot-prod 6h".`,
    badHub: (h: string) => `"${h}" is not an IoT Hub name: use 3 to 50 letters, digits or hyphens (the part before .azure-devices.net).`,
    badSince: (s: string) => `I can look back ${FLEET_SINCE.join(', ')}; "${s}" is not one of them.`,
    tooMany: 'Give one hub name and, optionally, one time window.',
  },
  nl: {
    usage: `Gebruik: hub <hub-naam> [${FLEET_SINCE.join('|')}], bijvoorbeeld "hub contoso-iot-prod 6h".`,
    badHub: (h: string) => `"${h}" is geen IoT Hub-naam: gebruik 3 tot 50 letters, cijfers of streepjes (het deel vóór .azure-devices.net).`,
    badSince: (s: string) => `Ik kan ${FLEET_SINCE.join(', ')} terugkijken; "${s}" hoort daar niet bij.`,
    tooMany: 'Geef één hub-naam en eventueel één tijdvenster.',
  },
} as const;

/** Show at most this much of what the user typed, without control characters. */
function shown(s: string): string {
  const clean = s.replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, '');
  return clean.length > 60 ? `${clean.slice(0, 59)}…` : clean;
}

export function parseHubCommand(
  args: string,
  lang: Lang = 'en',
): { ok: true; hub: string; since: FleetSince } | { ok: false; message: string } {
  const t = TEXT[lang] ?? TEXT.en;
  const tokens = String(args ?? '')
    .trim()
    .split(/\s+/)
    .filter(Boolean);
  if (tokens.length === 0) return { ok: false, message: t.usage };
  let hub: string | undefined;
  let since: FleetSince | undefined;
  for (const token of tokens) {
    const lower = token.toLowerCase();
    if (isFleetSince(lower)) {
      if (since) return { ok: false, message: t.tooMany };
      since = lower;
    } else if (WINDOW_LIKE.test(token)) {
      return { ok: false, message: `${t.badSince(shown(token))} ${t.usage}` };
    } else {
      if (hub !== undefined) return { ok: false, message: t.tooMany };
      hub = token;
    }
  }
  if (hub === undefined) return { ok: false, message: t.usage };
  // Accept the host name or the portal URL's host too.
  const name = hub.replace(/^https?:\/\//i, '').replace(/\/+$/, '').replace(/\.azure-devices\.net$/i, '');
  if (!HUB_NAME.test(name)) return { ok: false, message: t.badHub(shown(hub)) };
  return { ok: true, hub: name.toLowerCase(), since: since ?? DEFAULT_FLEET_SINCE };
}
