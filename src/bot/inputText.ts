// What the user wrote, as plain text lines, from a Teams message activity: the bot's own @mention
// removed (by entity id, every occurrence), HTML entities and markup decoded, and the line structure of
// a multi-line paste rebuilt from the text/html attachment Teams sends beside `text`.
import { decodeEntities, htmlToText } from './html';

export interface MentionEntityLike {
  type?: string;
  text?: string;
  mentioned?: { id?: string; name?: string } | null;
}

/** The few activity fields this module reads (a botbuilder Activity fits). */
export interface MessageLike {
  text?: string | null;
  textFormat?: string | null;
  attachments?: Array<{ contentType?: string; content?: unknown }> | null;
  entities?: Array<MentionEntityLike & Record<string, unknown>> | null;
  recipient?: { id?: string; name?: string } | null;
}

/** Hard cap before any parsing; the triage engine caps again with its own note. */
export const MAX_INPUT_CHARS = 256 * 1024;

const HTML_CONTENT_TYPE = /^text\/html\b/i;
const MENTION_SPAN = /itemtype\s*=\s*["']?https?:\/\/schema\.skype\.com\/Mention/i;
const BLOCK_MARKUP = /<\s*(?:br|p|div|pre)\b[^>]{0,500}>/i;

/** Display names of the bot as it was mentioned in this activity (from mention entities whose id is the bot's). */
export function botMentionNames(activity: MessageLike): { texts: string[]; names: Set<string> } {
  const botId = activity.recipient?.id;
  const texts: string[] = [];
  const names = new Set<string>();
  if (!botId) return { texts, names };
  for (const e of activity.entities ?? []) {
    if (!e || e.type !== 'mention' || e.mentioned?.id !== botId) continue;
    if (typeof e.text === 'string' && e.text !== '') {
      texts.push(e.text);
      const inner = decodeEntities(e.text.replace(/<[^>]{0,200}>/g, '')).trim();
      if (inner) names.add(normaliseName(inner));
    }
    if (e.mentioned?.name) names.add(normaliseName(e.mentioned.name));
  }
  if (names.size > 0 && activity.recipient?.name) names.add(normaliseName(activity.recipient.name));
  return { texts, names };
}

function normaliseName(s: string): string {
  return s.replace(/[\s\u00a0]+/g, ' ').trim().toLowerCase();
}

/** The message's text for triage and commands. Never throws; returns '' for nothing usable. */
export function readMessageText(activity: MessageLike): string {
  const { texts, names } = botMentionNames(activity);
  const html = htmlAttachment(activity);
  if (html !== undefined) {
    const fromHtml = normalise(
      htmlToText(html.slice(0, MAX_INPUT_CHARS), (tag, attrs, inner) => {
        if (names.size === 0) return false;
        const isMention = tag === 'at' || MENTION_SPAN.test(attrs);
        return isMention && names.has(normaliseName(inner));
      }),
    );
    if (fromHtml !== '') return stripLeadingName(fromHtml, names);
  }
  return fromText(activity, texts);
}

/** Safety net when the HTML mention markup was not recognised: drop a leading bot name. */
function stripLeadingName(text: string, names: Set<string>): string {
  const lower = text.toLowerCase();
  for (const name of names) {
    if (lower.startsWith(name) && (text.length === name.length || /[\s:,]/.test(text[name.length]))) {
      return text.slice(name.length).replace(/^[\s:,]+/, '');
    }
  }
  return text;
}

function htmlAttachment(activity: MessageLike): string | undefined {
  for (const a of activity.attachments ?? []) {
    if (a && typeof a.contentType === 'string' && HTML_CONTENT_TYPE.test(a.contentType) && typeof a.content === 'string') {
      return a.content;
    }
  }
  return undefined;
}

function fromText(activity: MessageLike, mentionTexts: string[]): string {
  let text = typeof activity.text === 'string' ? activity.text.slice(0, MAX_INPUT_CHARS) : '';
  // Every occurrence of the bot's mention text (removeRecipientMention only strips the first), with
  // the spaces around it.
  for (const t of mentionTexts) text = text.split(t).join('\u0000');
  text = text.replace(/[ \t\u00a0]*\u0000[ \t\u00a0]*/g, ' ');
  if (activity.textFormat === 'xml' || BLOCK_MARKUP.test(text)) {
    return normalise(htmlToText(text));
  }
  // Other people's mentions stay as their plain names.
  text = text.replace(/<at\b[^>]{0,200}>([^<]{0,200})<\/at>/gi, '$1');
  return normalise(decodeEntities(text));
}

/** Line endings to \n, non-breaking and zero-width spaces out, blank edges trimmed. */
function normalise(s: string): string {
  return s
    .replace(/\r\n?/g, '\n')
    .replace(/\u00a0/g, ' ')
    .replace(/\u200b|\u200c|\u200d|\u2060|\ufeff/g, '')
    .replace(/^[ \t]*\n+/, '')
    .replace(/\n[ \t]*$/g, '')
    .trim();
}
