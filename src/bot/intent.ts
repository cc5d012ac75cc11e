// Command or paste? A message is a command only when it is one short line that one registered command
// (src/bot/commands/registry.ts) reads as its own; everything else is evidence to triage (or, when it
// reads like a question, a question). No command word lives here: each command's file owns its trigger.
import type { BotCommand } from './commands/command';
import { COMMANDS } from './commands/registry';

export { isDeviceId } from './deviceId';

/** A registered command's name and the arguments its own parser read. */
export interface CommandIntent {
  kind: string;
  [arg: string]: unknown;
}

export type Intent = { kind: 'empty' } | { kind: 'question'; text: string } | { kind: 'paste'; text: string } | CommandIntent;

/** Commands are one line of at most this many characters. */
const MAX_COMMAND_CHARS = 200;

// Starts with an interrogative (English / Dutch) or ends with a question mark.
const QUESTION_START =
  /^(?:why|what|how|when|where|which|who|is|are|does|do|did|can|could|should|will|would|waarom|wat|hoe|wanneer|waar|welke|wie|is|zijn|moet|moeten|kan|kunnen|krijgen|krijg|heeft|hebben)\b/i;
const MAX_QUESTION_CHARS = 400;

/** Decide what the user wants from the (already mention-stripped, decoded) message text. */
export function parseIntent(text: string, commands: readonly BotCommand[] = COMMANDS): Intent {
  const t = text.trim();
  if (t === '') return { kind: 'empty' };
  if (!t.includes('\n') && t.length <= MAX_COMMAND_CHARS) {
    const one = t.replace(/\s+/g, ' ');
    for (const command of commands) {
      const args = command.parse(one);
      if (args) return { ...args, kind: command.name };
    }
  }
  if (looksLikeQuestion(t)) return { kind: 'question', text: t };
  return { kind: 'paste', text: t };
}

/** A short message of at most three lines phrased as a question. Evidence-heavy pastes are never questions. */
export function looksLikeQuestion(text: string): boolean {
  const t = text.trim();
  if (t.length > MAX_QUESTION_CHARS || t.split('\n').length > 3) return false;
  return t.endsWith('?') || QUESTION_START.test(t);
}
