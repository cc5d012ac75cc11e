// `examples`: sample pastes the user can try.
import { examplesCard } from '../../cards';
import { defineCommand } from './command';

const EXAMPLES = /^\/?(?:examples?|samples?|voorbeelden?)$/i;

export const examplesCommand = defineCommand({
  name: 'examples',
  parse: (line) => (EXAMPLES.test(line) ? {} : undefined),
  help: { en: { command: 'examples', text: 'sample pastes to try' }, nl: { command: 'examples', text: 'voorbeelden om te plakken' } },
  examples: ['examples', 'samples', 'voorbeelden', '/example'],
  run: (_args, ctx) => ({ type: 'card', card: examplesCard(ctx.card) }),
});
