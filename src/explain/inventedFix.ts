// The "no invented fix" rule. An explanation may only recommend what the knowledge base recommends for
// the triage's findings. Checked in code, on the model's explanation and follow-up questions:
//
//   1. URLs            every http(s):// or www. link must appear verbatim in the grounding text;
//   2. commands        every `inline code` span (up to its first option), Azure CLI / shell command head (az, kubectl, curl, openssl,
//                      iotedge, systemctl, sudo, npm, pip, dotnet, pwsh, bash + the next two words) and
//                      Az PowerShell cmdlet (Set-Az..., New-Az..., ...) must appear in the grounding text;
//   3. role names      every Azure RBAC-like role phrase ("IoT Hub Data Contributor", "Owner", ...) must
//                      appear in the grounding text;
//   4. fix actions     a remedial verb in its base/imperative form (regenerate, rotate, revoke, delete,
//                      register, enable/disable, assign/grant, upgrade, install, restart, replace,
//                      reprovision, increase/extend, configure, synchronise — and their Dutch forms) is only
//                      allowed when the grounding text uses a verb of the same family.
//
// The grounding text is the trusted side only (knowledge-base entries for the finding kinds, verdict
// text, notes), never the paste: a hostile log line cannot whitelist its own "fix". Descriptive forms
// ("the device is disabled", "the SDK renews the token") are not remedial verbs and pass.
import { normalise, type Grounding } from './grounding';

interface ActionFamily {
  name: string;
  /** Base/imperative forms, English and Dutch, as they would appear in an instruction. */
  said: RegExp;
  /** Stems that show the knowledge base itself recommends this kind of action. */
  grounded: RegExp;
}

const ACTIONS: readonly ActionFamily[] = [
  { name: 'regenerate', said: /\b(?:regenerate|regenereer|regenereren)\b/i, grounded: /regenera|regenere|generat|genere/ },
  { name: 'rotate', said: /\b(?:rotate|roteer|roteren)\b/i, grounded: /rotat|roteer|roter|roll ?over/ },
  { name: 'revoke', said: /\b(?:revoke|intrekken)\b/i, grounded: /revok|intrek|trek .{0,40}\bin\b/ },
  { name: 'delete', said: /\b(?:delete|remove|verwijder|verwijderen)\b/i, grounded: /delet|remov|verwijder/ },
  { name: 'register', said: /\b(?:register|re-register|reregister|deregister|unregister|registreer|registreren|herregistreer)\b/i, grounded: /regist/ },
  { name: 'enable-disable', said: /\b(?:enable|disable|re-enable|inschakelen|uitschakelen|schakel)\b/i, grounded: /enabl|disabl|schakel/ },
  { name: 'assign', said: /\b(?:assign|grant|toewijzen|toekennen)\b/i, grounded: /assign|grant|toewij|toeken|wijs .{0,40}toe|ken .{0,40}toe/ },
  { name: 'upgrade', said: /\b(?:upgrade|downgrade|upgraden|downgraden|bijwerken)\b/i, grounded: /upgrad|downgrad|bijwerk|werk .{0,40}bij|updat/ },
  { name: 'install', said: /\b(?:install|reinstall|installeer|installeren|herinstalleer|herinstalleren)\b/i, grounded: /install/ },
  { name: 'restart', said: /\b(?:restart|reboot|herstart|herstarten|opstarten)\b/i, grounded: /restart|reboot|herstart|opstart/ },
  { name: 'replace', said: /\b(?:replace|vervang|vervangen)\b/i, grounded: /replac|vervang/ },
  { name: 'reprovision', said: /\b(?:reprovision|re-provision|reflash|re-flash|flash)\b/i, grounded: /provision|flash/ },
  {
    name: 'resize',
    said: /\b(?:increase|decrease|extend|shorten|lengthen|verhoog|verhogen|verlaag|verlagen|verleng|verlengen|verkort|verkorten)\b/i,
    grounded: /increas|decreas|extend|shorten|lengthen|verhoog|verhog|verlaag|verlag|verleng|verkort/,
  },
  { name: 'configure', said: /\b(?:configure|reconfigure|configureer|configureren|herconfigureer)\b/i, grounded: /configur/ },
  { name: 'synchronise', said: /\b(?:synchronise|synchronize|sync|resync|synchroniseer|synchroniseren)\b/i, grounded: /synchron|sync|ntp/ },
];

const URL = /\b(?:https?:\/\/|www\.)[^\s)\]>"'`]{1,500}/gi;
const INLINE_CODE = /`([^`\n]{1,300})`/g;
const CLI_HEAD = /\b(?:az|azd|kubectl|curl|wget|openssl|iotedge|systemctl|sudo|npm|pip3?|dotnet|pwsh|powershell|bash)\s+[\w.-]{1,40}(?:\s+[\w.-]{1,40})?/gi;
const CMDLET = /\b(?:Get|Set|New|Remove|Update|Add|Invoke|Reset|Grant|Revoke)-Az[A-Za-z]{1,60}\b/g;
// Role vocabulary before the role word keeps sentence words ("Assign", "Ask") out of the phrase.
const ROLE =
  /\b(?:(?:IoT|Azure|Hub|Data|Registry|Twin|Service|Services|Device|Devices|Access|User|Role|Based|Control|Cognitive|OpenAI|Storage|Event|Grid|Key|Vault|Monitoring|Log|Analytics|Security|Privileged|Connect|Provisioning)\s){0,6}(?:Contributor|Owner|Reader|Administrator|Operator|Sender|Receiver)\b/g;

function trimPunctuation(s: string): string {
  return s.replace(/[.,;:!?]+$/, '');
}

/**
 * The words of a code span up to its first option or placeholder value: `az iot hub device-identity show
 * -n myhub -d dev1` -> "az iot hub device-identity show", so a model may fill in the engineer's own names.
 */
function commandHead(code: string): string {
  const words = code.trim().split(/\s+/);
  const head: string[] = [];
  for (const w of words) {
    if (head.length > 0 && !/^[A-Za-z][\w.-]*$/.test(w)) break;
    head.push(w);
  }
  return head.join(' ');
}

/** Every recommendation in `texts` that the grounding does not make; empty when the rule holds. */
export function inventedFixes(texts: readonly string[], grounding: Pick<Grounding, 'text'>): string[] {
  const ground = grounding.text;
  // Whole-word containment: "rm" must not pass because the grounding says "confirm".
  const inGround = (s: string): boolean => {
    const needle = normalise(s);
    if (!needle) return true;
    for (let i = ground.indexOf(needle); i >= 0; i = ground.indexOf(needle, i + 1)) {
      const before = ground[i - 1] ?? ' ';
      const after = ground[i + needle.length] ?? ' ';
      if (!/[a-z0-9]/.test(before) && !/[a-z0-9]/.test(after)) return true;
    }
    return false;
  };
  const found = new Set<string>();
  for (const text of texts) {
    for (const m of text.matchAll(URL)) if (!inGround(trimPunctuation(m[0]))) found.add('url');
    for (const m of text.matchAll(INLINE_CODE)) if (!inGround(commandHead(m[1] ?? ''))) found.add('command');
    for (const m of text.matchAll(CLI_HEAD)) if (!inGround(m[0])) found.add('command');
    for (const m of text.matchAll(CMDLET)) if (!inGround(m[0])) found.add('command');
    for (const m of text.matchAll(ROLE)) if (!inGround(m[0])) found.add('role');
    for (const a of ACTIONS) if (a.said.test(text) && !a.grounded.test(ground)) found.add(`action:${a.name}`);
  }
  return [...found];
}
