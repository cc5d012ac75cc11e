// What the bot says about uploaded files, in English and Dutch. Never echoes the download URL.
import type { Lang } from '../../triage/types';
import { ALLOWED_FILE_TYPES } from './downloadPolicy';

const TYPES = ALLOWED_FILE_TYPES.filter((t) => t !== 'ndjson').map((t) => `.${t}`).join(', ');

function mb(bytes: number): string {
  return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
}

/** File names come from the sender: keep them short and free of Markdown before quoting them. */
export function safeName(name: string): string {
  const clean = name.replace(/[\u0000-\u001f`*_[\]<>|\\]/g, '').trim();
  return clean.length > 80 ? `${clean.slice(0, 77)}…` : clean || 'file';
}

export const fileText = {
  wrongType: (name: string, lang: Lang) =>
    lang === 'nl'
      ? `Ik kan **${safeName(name)}** niet lezen: ik lees alleen tekstexports (${TYPES}). Exporteer de logs als CSV of JSON, of plak de regels in de chat.`
      : `I can't read **${safeName(name)}**: I only read text exports (${TYPES}). Export the logs as CSV or JSON, or paste the lines into the chat.`,
  tooLarge: (name: string, maxBytes: number, lang: Lang) =>
    lang === 'nl'
      ? `**${safeName(name)}** is groter dan ${mb(maxBytes)}. Filter de export op de betrokken devices of een korter tijdvak, of plak alleen de regels rond de fout.`
      : `**${safeName(name)}** is larger than ${mb(maxBytes)}. Filter the export to the devices involved or a shorter time range, or paste just the lines around the error.`,
  downloadFailed: (name: string, lang: Lang) =>
    lang === 'nl'
      ? `Ik kon **${safeName(name)}** niet ophalen. Stuur het bestand opnieuw, of plak de inhoud in de chat.`
      : `I couldn't download **${safeName(name)}**. Send the file again, or paste its contents into the chat.`,
  notText: (name: string, lang: Lang) =>
    lang === 'nl'
      ? `**${safeName(name)}** lijkt geen tekstbestand. Stuur een CSV-, JSON- of logbestand, of plak de regels in de chat.`
      : `**${safeName(name)}** doesn't look like a text file. Send a CSV, JSON or log file, or paste the lines into the chat.`,
  empty: (name: string, lang: Lang) =>
    lang === 'nl' ? `**${safeName(name)}** is leeg. Stuur de export opnieuw, of plak de regels in de chat.` : `**${safeName(name)}** is empty. Send the export again, or paste the lines into the chat.`,
  onlyFirst: (name: string, ignored: number, lang: Lang) =>
    lang === 'nl'
      ? `Ik heb **${safeName(name)}** gelezen; ${ignored} ander(e) bestand(en) heb ik overgeslagen. Stuur ze één voor één.`
      : `I read **${safeName(name)}** and skipped ${ignored} other file(s). Send them one at a time.`,
  notHere: (lang: Lang) =>
    lang === 'nl'
      ? 'Teams geeft bestanden in groepschats en kanalen niet door aan bots. Plak de regels in je bericht, of stuur het bestand in een 1-op-1-chat met mij.'
      : "Teams doesn't pass files in group chats and channels on to bots. Paste the lines into your message, or send the file to me in a 1:1 chat.",
};
