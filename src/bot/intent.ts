// Command or paste? A message is a command only when it is one short line that starts with a command
// word; everything else is evidence to triage (or, when it reads like a question, a question).

export type Intent =
  | { kind: 'empty' }
  | { kind: 'help' }
  | { kind: 'examples' }
  | { kind: 'lookup'; deviceId?: string; invalidId?: boolean }
  | { kind: 'kql'; deviceId?: string; invalidId?: boolean }
  | { kind: 'hub'; args: string }
  | { kind: 'question'; text: string }
  | { kind: 'paste'; text: string };

/** IoT Hub device ids: up to 128 ASCII letters, digits and - . % _ * ? ! ( ) , : = @ $ ' */
const DEVICE_ID = /^[A-Za-z0-9\-.%_*?!(),:=@$']{1,128}$/;

export function isDeviceId(s: string): boolean {
  return DEVICE_ID.test(s);
}

const HELP = /^\/?(?:help|hulp|\?|menu|commands|commando'?s)$/i;
const EXAMPLES = /^\/?(?:examples?|samples?|voorbeelden?)$/i;
const LOOKUP = /^\/?(?:look\s?up|lookup|opzoeken|zoek(?:\s+op)?)(?:\s+(.+))?$/i;
const KQL = /^\/?kql(?:\s+(.+))?$/i;
const HUB = /^\/?hub(?:\s+(.+))?$/i;

// Starts with an interrogative (English / Dutch) or ends with a question mark.
const QUESTION_START =
  /^(?:why|what|how|when|where|which|who|is|are|does|do|did|can|could|should|will|would|waarom|wat|hoe|wanneer|waar|welke|wie|is|zijn|moet|moeten|kan|kunnen|krijgen|krijg|heeft|hebben)\b/i;
const MAX_QUESTION_CHARS = 400;

/** Decide what the user wants from the (already mention-stripped, decoded) message text. */
export function parseIntent(text: string): Intent {
  const t = text.trim();
  if (t === '') return { kind: 'empty' };
  const lines = t.split('\n');
  if (lines.length === 1 && t.length <= 200) {
    const one = t.replace(/\s+/g, ' ');
    if (HELP.test(one)) return { kind: 'help' };
    if (EXAMPLES.test(one)) return { kind: 'examples' };
    const lookup = LOOKUP.exec(one);
    if (lookup) return withDeviceId('lookup', lookup[1]);
    const kql = KQL.exec(one);
    if (kql) return withDeviceId('kql', kql[1]);
    const hub = HUB.exec(one);
    if (hub) return { kind: 'hub', args: hub[1] ?? '' };
  }
  if (looksLikeQuestion(t)) return { kind: 'question', text: t };
  return { kind: 'paste', text: t };
}

function withDeviceId(kind: 'lookup' | 'kql', raw: string | undefined): Intent {
  if (raw === undefined) return { kind };
  const id = raw.trim().replace(/^["'`<]+|["'`>]+$/g, '');
  if (!isDeviceId(id)) return { kind, invalidId: true };
  return { kind, deviceId: id };
}

/** A short message of at most three lines phrased as a question. Evidence-heavy pastes are never questions. */
export function looksLikeQuestion(text: string): boolean {
  const t = text.trim();
  if (t.length > MAX_QUESTION_CHARS || t.split('\n').length > 3) return false;
  return t.endsWith('?') || QUESTION_START.test(t);
}
