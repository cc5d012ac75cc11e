// What a chat command is: one file per command declares its trigger, whether it is slow, its help line
// (en, nl) and its handler. Intent parsing, the dispatcher and the help card read the list in
// registry.ts, so adding a command is adding one file and one line there.
import type { CardContext } from '../../cards/types';
import type { Lang } from '../../triage/types';
import type { HandlerContext, Reply } from '../reply';

/** One line of the help card: the command as typed, and what it does. */
export interface HelpLine {
  command: string;
  text: string;
}

export interface BotCommand<A extends object = object> {
  /** The intent kind this command answers ("lookup"); unique. */
  readonly name: string;
  /** Reads one short, whitespace-collapsed line. Undefined: not this command. */
  parse(line: string): A | undefined;
  /** Work that takes a moment (a registry, Log Analytics): the typing indicator and the turn's budget apply. */
  slow?(args: A): boolean;
  /** Its help-card line; `listed` hides it when the bot is not set up for it. */
  help: Record<Lang, HelpLine>;
  listed?(card: CardContext): boolean;
  /** Messages that must trigger it (English and Dutch); the registry test checks no other command claims them. */
  readonly examples: readonly string[];
  run(args: A, ctx: HandlerContext, commands: readonly BotCommand[]): Reply | Promise<Reply>;
}

/** Keeps each command's argument type inside its own file; the registry sees `BotCommand<object>`. */
export function defineCommand<A extends object>(command: BotCommand<A>): BotCommand {
  return command as unknown as BotCommand;
}

/** The help card's lines for the commands listed in this context, in registry order. */
export function helpLines(commands: readonly BotCommand[], card: CardContext): HelpLine[] {
  return commands.filter((c) => c.listed?.(card) ?? true).map((c) => c.help[card.lang]);
}
