// Device ids and hub names found in free text. Bounded patterns only.

// IoT Hub allows [A-Za-z0-9-.%_*?!(),:=@$'] in device ids; in prose we accept the common subset so a
// trailing comma, colon or quote is not swallowed.
const ID_CHARS = "[A-Za-z0-9][A-Za-z0-9\\-._%*?!@$]{0,127}";

const DEVICE_PATTERNS: RegExp[] = [
  // JSON / doubled-quote CSV / escaped JSON: "deviceId":"x", ""deviceId"":""x"", \"deviceId\":\"x\"
  new RegExp(`device_?id["\\\\]{0,4}\\s{0,3}[:=]\\s{0,3}["\\\\]{0,4}(${ID_CHARS})`, 'i'),
  new RegExp(`/devices/(${ID_CHARS})`, 'i'),
  new RegExp(`%2Fdevices%2F(${ID_CHARS.replace('%', '')})`, 'i'),
  new RegExp(`\\bdevice\\s{1,2}'(${ID_CHARS})'`, 'i'),
  new RegExp(`\\bDevice\\s{1,2}(${ID_CHARS})\\s{1,2}not registered`, 'i'),
  new RegExp(`\\bClientId\\s{0,2}[:=]\\s{0,2}["']?(${ID_CHARS})`, 'i'),
];

function clean(id: string): string {
  return id.replace(/[.]+$/, '');
}

export function findDeviceId(text: string): string | undefined {
  for (const re of DEVICE_PATTERNS) {
    const m = re.exec(text);
    if (m) {
      const id = clean(m[1]);
      return /%2F/i.test(re.source) ? decodeURIComponentSafe(id) : id;
    }
  }
  return undefined;
}

const MODULE = new RegExp(`(?:/modules/|%2Fmodules%2F|module_?id["\\\\]{0,4}\\s{0,3}[:=]\\s{0,3}["\\\\]{0,4})(${ID_CHARS})`, 'i');

export function findModuleId(text: string): string | undefined {
  const m = MODULE.exec(text);
  return m ? clean(m[1]) : undefined;
}

const HUB_PATTERNS: RegExp[] = [
  /\b([A-Za-z0-9][A-Za-z0-9-]{1,48}[A-Za-z0-9])\.azure-devices\.net/i,
  /\/IOTHUBS\/([A-Za-z0-9][A-Za-z0-9-]{1,48}[A-Za-z0-9])/i,
  /IotHub '([A-Za-z0-9][A-Za-z0-9-]{1,48}[A-Za-z0-9])'/i,
  /hub_?name["\\]{0,4}\s{0,3}[:=]\s{0,3}["\\]{0,4}([A-Za-z0-9][A-Za-z0-9-]{1,48}[A-Za-z0-9])/i,
];

/** Hub names are case-insensitive; the engine reports them lower-case. */
export function findHub(text: string): string | undefined {
  for (const re of HUB_PATTERNS) {
    const m = re.exec(text);
    if (m) return m[1].toLowerCase();
  }
  return undefined;
}

export function hubFromResourceId(resourceId: unknown): string | undefined {
  if (typeof resourceId !== 'string') return undefined;
  const m = /\/IOTHUBS\/([A-Za-z0-9-]{3,50})/i.exec(resourceId);
  return m ? m[1].toLowerCase() : undefined;
}

export function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

// Bare device-id candidates in a short message ("is pump-0042 ok?"): a token with letters AND digits,
// joined by - or _ . Words, numbers, codes and GUIDs are not candidates.
const CANDIDATE = /(?<![A-Za-z0-9\-._])([A-Za-z][A-Za-z0-9]{0,40}(?:[-_.][A-Za-z0-9]{1,40}){1,6})(?![A-Za-z0-9\-_])/g;

export function deviceIdCandidates(text: string, max = 20): string[] {
  const out = new Set<string>();
  CANDIDATE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = CANDIDATE.exec(text)) && out.size < max) {
    const id = clean(m[1]);
    if (!/\d/.test(id)) continue; // "token-expiry" is a word, "pump-0042" a device
    if (/\.(?:net|com|org|io|json|csv|log|txt|ts|js)$/i.test(id)) continue;
    if (/azure-devices|^api-version/i.test(id)) continue;
    if (/^v?\d/.test(id)) continue;
    out.add(id);
  }
  return [...out];
}
