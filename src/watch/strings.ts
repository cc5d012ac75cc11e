// What a watch post says, in English and Dutch: shared by the cards and the CLI's text. Finding titles
// and fix steps come from the knowledge base, not from here.
import type { Lang } from '../triage/types';
import type { WatchChange, WatchPostDevice } from './state';

export interface WatchStrings {
  worseStatus: (n: number) => string;
  countStatus: (to: number) => string;
  recoveredStatus: string;
  title: (hub: string) => string;
  subtitle: (since: string, at: string) => string;
  change: (c: WatchChange) => string;
  now: (n: number) => string;
  devicesTitle: string;
  recoveredDevicesTitle: string;
  deviceLabel: Record<WatchPostDevice['change'], string>;
  more: (n: number) => string;
  findingsTitle: string;
  findingDevices: (n: number) => string;
  docLabel: string;
  openSince: (at: string) => string;
  checkHub: string;
  footer: string;
  nothing: (credential: number, churn: number) => string;
  skipped: (message: string) => string;
}

const en: WatchStrings = {
  worseStatus: (n) => `⛔ ${n} more device(s) with a credential problem`,
  countStatus: (to) => `⛔ Devices with a credential problem rose to ${to}`,
  recoveredStatus: '✅ Recovered: no device has a credential problem any more',
  title: (hub) => `Watch on hub ${hub}`,
  subtitle: (since, at) => `last ${since} · checked ${at} UTC`,
  change: (c) => {
    switch (c.type) {
      case 'new-problem':
        return `${c.devices} device(s) newly have a credential problem.`;
      case 'churn-to-unrecovered':
        return `${c.devices} device(s) went from benign token-expiry churn to refused 401003s without a reconnect.`;
      case 'count-rose':
        return `Devices with a credential problem: ${c.from} → ${c.to}.`;
      case 'recovered':
        return `All ${c.devices} device(s) posted with a credential problem are back to token-expiry churn or healthy.`;
    }
  },
  now: (n) => `Now ${n} device(s) in the hub have a credential problem.`,
  devicesTitle: 'What changed',
  recoveredDevicesTitle: 'Devices of the posted problem',
  deviceLabel: {
    new: 'new credential problem',
    'churn-to-unrecovered': 'was churn, now refused and not back',
    listed: 'credential problem',
    churn: 'back to benign churn',
    healthy: 'healthy',
    unlisted: 'no longer in the list',
  },
  more: (n) => `… and ${n} more`,
  findingsTitle: 'What to do',
  findingDevices: (n) => `${n} device(s)`,
  docLabel: 'Documentation',
  openSince: (at) => `The problem was first posted at ${at} UTC.`,
  checkHub: 'Check the whole hub',
  footer: 'This watch posts only when the picture gets worse, and once when it has recovered. Token-expiry churn alone never posts.',
  nothing: (credential, churn) => `No post: nothing got worse (${credential} device(s) with a credential problem, ${churn} with benign churn).`,
  skipped: (message) => `No post: this round was skipped (${message}).`,
};

const nl: WatchStrings = {
  worseStatus: (n) => `⛔ ${n} apparaat/apparaten meer met een probleem met referenties`,
  countStatus: (to) => `⛔ Apparaten met een probleem met referenties gestegen naar ${to}`,
  recoveredStatus: '✅ Hersteld: geen apparaat heeft nog een probleem met referenties',
  title: (hub) => `Bewaking van hub ${hub}`,
  subtitle: (since, at) => `afgelopen ${since} · gecontroleerd ${at} UTC`,
  change: (c) => {
    switch (c.type) {
      case 'new-problem':
        return `${c.devices} apparaat/apparaten met een nieuw probleem met referenties.`;
      case 'churn-to-unrecovered':
        return `${c.devices} apparaat/apparaten van onschuldig token-verloop naar geweigerde 401003's zonder herverbinding.`;
      case 'count-rose':
        return `Apparaten met een probleem met referenties: ${c.from} → ${c.to}.`;
      case 'recovered':
        return `Alle ${c.devices} gemelde apparaat/apparaten met een probleem met referenties zijn terug bij token-verloop of in orde.`;
    }
  },
  now: (n) => `Nu hebben ${n} apparaat/apparaten in de hub een probleem met referenties.`,
  devicesTitle: 'Wat er veranderde',
  recoveredDevicesTitle: 'Apparaten van het gemelde probleem',
  deviceLabel: {
    new: 'nieuw probleem met referenties',
    'churn-to-unrecovered': 'was token-verloop, nu geweigerd en niet terug',
    listed: 'probleem met referenties',
    churn: 'terug bij onschuldig token-verloop',
    healthy: 'in orde',
    unlisted: 'staat niet meer in de lijst',
  },
  more: (n) => `… en nog ${n}`,
  findingsTitle: 'Wat te doen',
  findingDevices: (n) => `${n} apparaat/apparaten`,
  docLabel: 'Documentatie',
  openSince: (at) => `Het probleem werd voor het eerst gemeld om ${at} UTC.`,
  checkHub: 'Controleer de hele hub',
  footer: 'Deze bewaking meldt alleen als het beeld slechter wordt, en één keer als het hersteld is. Alleen token-verloop levert nooit een melding op.',
  nothing: (credential, churn) => `Geen melding: niets werd slechter (${credential} apparaat/apparaten met een probleem met referenties, ${churn} met onschuldig token-verloop).`,
  skipped: (message) => `Geen melding: deze ronde is overgeslagen (${message}).`,
};

export function watchStrings(lang: Lang): WatchStrings {
  return lang === 'nl' ? nl : en;
}
