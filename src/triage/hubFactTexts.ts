// Texts for the facts the several-hubs cross-check attaches to a finding (hubsCrossCheck.ts): what each
// says and its own fix, in English and Dutch. Params are redacted and capped like note params.
import { redact } from './redact';
import type { HubFact, HubFactCode, Lang } from './types';

export interface HubFactText {
  text: string;
  fix: string[];
}

type P = (name: string) => string;

const MAX_PARAM = 200;

function reader(fact: HubFact): P {
  return (name) => {
    const raw = Object.prototype.hasOwnProperty.call(fact.params ?? {}, name) ? String(fact.params[name] ?? '') : '';
    const text = redact(raw).text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').trim();
    return text.length > MAX_PARAM ? `${text.slice(0, MAX_PARAM - 1)}…` : text;
  };
}

const STATUS_NL: Record<string, string> = { enabled: 'ingeschakeld', disabled: 'uitgeschakeld' };
const on = (when: string, lang: Lang) => (when ? (lang === 'nl' ? ` op ${when}` : ` on ${when}`) : '');

const TEXTS: Record<HubFactCode, Record<Lang, (p: P) => HubFactText>> = {
  'registered-in-other-hub': {
    en: (p) => ({
      text: `${p('deviceId')} is not registered in ${p('pastedHub')}; it is registered (${p('status')}, ${p('auth')}) in ${p('hub')}: the device's connection string or DPS assignment points at the wrong hub.`,
      fix: [`Give ${p('deviceId')} a connection string for ${p('hub')} (HostName=${p('hub')}.azure-devices.net), or create its identity in ${p('pastedHub')} if that is where it belongs.`],
    }),
    nl: (p) => ({
      text: `${p('deviceId')} is niet geregistreerd in ${p('pastedHub')}; het is geregistreerd (${STATUS_NL[p('status')] ?? p('status')}, ${p('auth')}) in ${p('hub')}: de connection string of de DPS-toewijzing van het device wijst naar de verkeerde hub.`,
      fix: [`Geef ${p('deviceId')} een connection string voor ${p('hub')} (HostName=${p('hub')}.azure-devices.net), of maak de identity aan in ${p('pastedHub')} als het daar hoort.`],
    }),
  },
  'not-in-any-hub': {
    en: (p) => ({
      text: `${p('deviceId')} is registered in none of the hubs asked: ${p('hubs')}.`,
      fix: [`Create the identity in the hub the device should use (az iot hub device-identity create -n <hub> -d ${p('deviceId')}), or check for a typo in the device ID.`],
    }),
    nl: (p) => ({
      text: `${p('deviceId')} is in geen van de gevraagde hubs geregistreerd: ${p('hubs')}.`,
      fix: [`Maak de identity aan in de hub die het device moet gebruiken (az iot hub device-identity create -n <hub> -d ${p('deviceId')}), of controleer het device-ID op een typefout.`],
    }),
  },
  'dps-assigned-elsewhere': {
    en: (p) => ({
      text: `DPS assigned it to ${p('assignedHub')}${on(p('when'), 'en')}; it now connects to ${p('pastedHub')}.`,
      fix: ['Let the device use the hub DPS returns: re-run provisioning on the device instead of a cached or hard-coded HostName.'],
    }),
    nl: (p) => ({
      text: `DPS heeft het toegewezen aan ${p('assignedHub')}${on(p('when'), 'nl')}; het verbindt nu met ${p('pastedHub')}.`,
      fix: ['Laat het device de hub gebruiken die DPS teruggeeft: voer de provisioning opnieuw uit op het device in plaats van een bewaarde of vaste HostName.'],
    }),
  },
  'dps-assigned-not-in-hub': {
    en: (p) => ({
      text: `DPS assigned it to ${p('assignedHub')}${on(p('when'), 'en')}, but that hub no longer has the identity: it was deleted after provisioning.`,
      fix: ['Re-provision the device through DPS (it creates the identity again), or create the identity by hand.'],
    }),
    nl: (p) => ({
      text: `DPS heeft het toegewezen aan ${p('assignedHub')}${on(p('when'), 'nl')}, maar die hub heeft de identity niet meer: die is na de provisioning verwijderd.`,
      fix: ['Provision het device opnieuw via DPS (dat maakt de identity weer aan), of maak de identity met de hand aan.'],
    }),
  },
  'dps-registration-disabled': {
    en: (p) => ({
      text: `DPS registration disabled${p('enrollment') ? ` (enrollment: ${p('enrollment')})` : ''}: DPS will not provision ${p('deviceId')}.`,
      fix: ['Enable the enrollment in DPS (az iot dps enrollment update --provisioning-status enabled, or enrollment-group update) if the device should be provisioned.'],
    }),
    nl: (p) => ({
      text: `DPS-registratie uitgeschakeld${p('enrollment') ? ` (enrollment: ${p('enrollment')})` : ''}: DPS provisiont ${p('deviceId')} niet.`,
      fix: ['Schakel de enrollment in DPS in (az iot dps enrollment update --provisioning-status enabled, of enrollment-group update) als het device geprovisiond moet worden.'],
    }),
  },
  'dps-no-enrollment': {
    en: (p) => ({
      text: `No DPS enrollment matches ${p('deviceId')}${p('dps') ? ` in ${p('dps')}` : ''}.`,
      fix: ['Create an individual enrollment or add the device to an enrollment group in DPS, or check that the device uses the right ID scope.'],
    }),
    nl: (p) => ({
      text: `Geen DPS-enrollment past bij ${p('deviceId')}${p('dps') ? ` in ${p('dps')}` : ''}.`,
      fix: ['Maak een individuele enrollment aan of voeg het device toe aan een enrollment group in DPS, of controleer of het device de juiste ID scope gebruikt.'],
    }),
  },
  'dps-registration-failed': {
    en: (p) => ({
      text: `The DPS registration failed${on(p('when'), 'en')}${p('error') ? `: ${p('error')}` : ''}.`,
      fix: ["Fix the cause DPS names (attestation, allocation policy, the linked hubs), then re-run provisioning on the device."],
    }),
    nl: (p) => ({
      text: `De DPS-registratie is mislukt${on(p('when'), 'nl')}${p('error') ? `: ${p('error')}` : ''}.`,
      fix: ['Los de oorzaak op die DPS noemt (attestatie, toewijzingsbeleid, de gekoppelde hubs) en voer daarna de provisioning opnieuw uit op het device.'],
    }),
  },
};

export function hubFactText(fact: HubFact, lang: Lang): HubFactText {
  const l: Lang = lang === 'nl' ? 'nl' : 'en';
  const entry = Object.prototype.hasOwnProperty.call(TEXTS, fact?.code) ? TEXTS[fact.code] : undefined;
  if (!entry) return { text: l === 'nl' ? 'Een feit dat deze versie niet kan beschrijven.' : 'A fact this version cannot describe.', fix: [] };
  return entry[l](reader(fact));
}

export const HUB_FACT_CODES = Object.keys(TEXTS) as HubFactCode[];
