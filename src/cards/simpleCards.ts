// The small cards: help, welcome, examples, error and feedback thanks. Static text from strings.ts.
import { EXAMPLE_PASTES } from './examples';
import { strings } from './strings';
import { expand } from './templates';
import { plain } from './text';
import type { AdaptiveCard, CardContext } from './types';

/**
 * `commands`: the bot's registered commands' help lines (the bot owns its commands, the card only shows them).
 * `hubs`: the hubs a lookup searches, configured and found by discovery (names only).
 */
export function helpCard(ctx: CardContext, commands: ReadonlyArray<{ command: string; text: string }>, hubs?: { configured: string[]; discovered: string[] }): AdaptiveCard {
  const s = strings(ctx.lang);
  const names = (xs: string[]) => plain(xs.slice(0, 20).join(', ') + (xs.length > 20 ? ` (+${xs.length - 20})` : ''), 600);
  return expand('help', {
    hasHubs: !!hubs,
    hubs: hubs ? s.helpHubs(names(hubs.configured), names(hubs.discovered)) : '',
    lang: ctx.lang,
    title: s.helpTitle,
    commands: commands.map((c) => ({ command: c.command, text: c.text })),
    pasteTitle: s.helpPasteTitle,
    paste: s.helpPaste.map((text) => ({ text })),
    secrets: s.helpSecrets,
  });
}

export function welcomeCard(ctx: CardContext): AdaptiveCard {
  const s = strings(ctx.lang);
  return expand('welcome', {
    lang: ctx.lang,
    title: s.welcomeTitle,
    body: s.welcomeBody,
    paste: s.helpPaste.map((text) => ({ text })),
    next: s.welcomeNext,
    secrets: s.helpSecrets,
  });
}

export function examplesCard(ctx: CardContext): AdaptiveCard {
  const s = strings(ctx.lang);
  return expand('examples', {
    lang: ctx.lang,
    title: s.examplesTitle,
    intro: s.examplesIntro,
    examples: EXAMPLE_PASTES.map((e) => ({ title: s.exampleTitles[e.key], lines: e.lines.map((text) => ({ text })) })),
  });
}

const STACK_FRAME = /^\s*at\s+\S|\(\/[^)]*:\d+:\d+\)|\bnode_modules\b|^\s*\^+\s*$/;

/** Keep what a person can act on: no stack frames or file paths, no secrets, bounded. */
export function friendlyMessage(message: string): string {
  const lines = String(message ?? '')
    .split(/\r?\n/)
    .filter((l) => l.trim() && !STACK_FRAME.test(l))
    .slice(0, 3);
  return plain(lines.join(' '), 500);
}

export function errorCard(message: string, ctx: CardContext): AdaptiveCard {
  const s = strings(ctx.lang);
  const text = friendlyMessage(message);
  return expand('error', { lang: ctx.lang, title: s.errorTitle, hasMessage: text.length > 0, message: text, next: s.errorNext });
}

export function feedbackThanksCard(ctx: CardContext): AdaptiveCard {
  const s = strings(ctx.lang);
  return expand('feedbackThanks', { lang: ctx.lang, title: s.thanksTitle, body: s.thanksBody });
}
