// Short texts the bot itself says (the cards have their own strings). English and Dutch.
import type { Lang } from '../triage/types';

const TEXT = {
  lookupUsage: {
    en: 'Which device? Type `lookup <deviceId>`, for example `lookup thermostat-042`, or `lookup thermostat-042 in contoso-hub` for one hub.',
    nl: 'Welk device? Typ `opzoeken <deviceId>`, bijvoorbeeld `opzoeken thermostat-042`, of `opzoeken thermostat-042 in contoso-hub` voor één hub.',
  },
  invalidHubName: {
    en: "That doesn't look like an IoT Hub name: use 3 to 50 letters, digits or hyphens (the part before .azure-devices.net).",
    nl: 'Dat lijkt geen IoT Hub-naam: gebruik 3 tot 50 letters, cijfers of streepjes (het deel vóór .azure-devices.net).',
  },
  invalidDeviceId: {
    en: "That doesn't look like an IoT Hub device ID (up to 128 letters, digits and - . _ : @ etc., no spaces).",
    nl: 'Dat lijkt geen IoT Hub device-ID (maximaal 128 letters, cijfers en - . _ : @ enz., geen spaties).',
  },
  turnFailed: {
    en: 'Something went wrong while reading that. Nothing was lost: try again, or paste fewer lines.',
    nl: 'Er ging iets mis bij het lezen daarvan. Er is niets verloren: probeer het opnieuw, of plak minder regels.',
  },
  tooLarge: {
    en: 'The answer is too large for a Teams message. Paste fewer lines (for example one device at a time).',
    nl: 'Het antwoord is te groot voor een Teams-bericht. Plak minder regels (bijvoorbeeld één device tegelijk).',
  },
  feedbackThanks: {
    en: 'Thanks for the feedback!',
    nl: 'Bedankt voor de feedback!',
  },
  unknownAction: {
    en: "That button isn't supported any more. Paste the evidence again for a fresh answer.",
    nl: 'Die knop wordt niet meer ondersteund. Plak het bewijs opnieuw voor een nieuw antwoord.',
  },
  badActionData: {
    en: 'That button sent incomplete data. Paste the evidence again for a fresh answer.',
    nl: 'Die knop stuurde onvolledige gegevens. Plak het bewijs opnieuw voor een nieuw antwoord.',
  },
  explainUnavailable: {
    en: 'Explanations are not switched on for this bot.',
    nl: 'Uitleg staat niet aan voor deze bot.',
  },
  explainFailed: {
    en: "I couldn't get an explanation right now; the verdict above stands on its own.",
    nl: 'Ik kon nu geen uitleg krijgen; het oordeel hierboven staat op zichzelf.',
  },
  hubCheckUnavailable: {
    en: 'Checking a whole hub is not set up for this bot.',
    nl: 'Een hele hub controleren is niet ingesteld voor deze bot.',
  },
  secretInAction: {
    en: 'That button carried something that looks like a key, so I did not use it.',
    nl: 'Die knop bevatte iets dat op een sleutel lijkt, dus ik heb het niet gebruikt.',
  },
} as const satisfies Record<string, Record<Lang, string>>;

export type BotText = keyof typeof TEXT;

export function botText(key: BotText, lang: Lang): string {
  return TEXT[key][lang];
}

export function lookupAck(deviceId: string, lang: Lang): string {
  return lang === 'nl' ? `Registergegevens van ${deviceId} staan hieronder.` : `Registry details for ${deviceId} are below.`;
}

export function kqlAck(lang: Lang): string {
  return lang === 'nl' ? 'De KQL-query staat hieronder.' : 'The KQL query is below.';
}

export function hubCheckAck(hub: string, lang: Lang): string {
  return lang === 'nl' ? `De controle van ${hub} staat hieronder.` : `The check of ${hub} is below.`;
}
