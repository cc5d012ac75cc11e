// Every chat command, in help-card order. A new command is a file in this folder and a line here.
import type { BotCommand } from './command';
import { examplesCommand } from './examplesCommand';
import { helpCommand } from './helpCommand';
import { hubCommand } from './hubCommand';
import { kqlCommand } from './kqlCommand';
import { lookupCommand } from './lookupCommand';
import { unwatchCommand } from './unwatchCommand';
import { watchCommand } from './watchCommand';
import { watchingCommand } from './watchingCommand';

export const COMMANDS: readonly BotCommand[] = [helpCommand, lookupCommand, kqlCommand, examplesCommand, hubCommand, watchCommand, unwatchCommand, watchingCommand];

export function commandNamed(name: string): BotCommand | undefined {
  return COMMANDS.find((c) => c.name === name);
}
