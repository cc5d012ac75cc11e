// Checks an expanded card the way a host would: the adaptivecards library must parse it without
// events, every element/action/property must be one the library knows at version ≤ 1.5, and nothing
// from the templating layer ($data, $when, ${…}) may be left over.
// adaptivecards' package entry is ESM and breaks under jest; its UMD bundle works.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const AC = require('adaptivecards/dist/adaptivecards.js');
import { VERBS } from '../../src/cards';
import type { AdaptiveCard } from '../../src/cards';

type Json = Record<string, unknown>;

const MAX_VERSION = { major: 1, minor: 5 };

// Collections the library parses outside its property schema.
const COLLECTION_KEYS: Record<string, string[]> = {
  AdaptiveCard: ['body', 'actions'],
  Container: ['items'],
  Column: ['items'],
  ColumnSet: ['columns'],
  RichTextBlock: ['inlines'],
  ActionSet: ['actions'],
  FactSet: ['facts'],
};

interface PropInfo {
  names: Map<string, { major: number; minor: number } | undefined>;
  version?: { major: number; minor: number };
}

const schemaCache = new Map<string, PropInfo | null>();

function versionOf(v: unknown): { major: number; minor: number } | undefined {
  const o = v as { major?: number; minor?: number } | undefined;
  return o && typeof o.major === 'number' && typeof o.minor === 'number' ? { major: o.major, minor: o.minor } : undefined;
}

function tooNew(v: { major: number; minor: number } | undefined): boolean {
  return !!v && (v.major > MAX_VERSION.major || (v.major === MAX_VERSION.major && v.minor > MAX_VERSION.minor));
}

function instanceFor(type: string): { getSchema(): unknown } | undefined {
  if (type === 'AdaptiveCard') return new AC.AdaptiveCard();
  if (type === 'Column') return new AC.Column();
  const el = AC.GlobalRegistry.defaultElements.createInstance(type, AC.Versions.v1_5);
  if (el) return el;
  return AC.GlobalRegistry.defaultActions.createInstance(type, AC.Versions.v1_5) ?? undefined;
}

function registryVersion(type: string): { major: number; minor: number } | undefined {
  for (const reg of [AC.GlobalRegistry.defaultElements, AC.GlobalRegistry.defaultActions]) {
    for (let i = 0; i < reg.getItemCount(); i++) {
      const item = reg.getItemAt(i);
      if (item.typeName === type) return versionOf(item.schemaVersion);
    }
  }
  return undefined;
}

function propInfo(type: string): PropInfo | null {
  if (schemaCache.has(type)) return schemaCache.get(type) ?? null;
  const inst = instanceFor(type) as { getSchema(): { getCount(): number; getItemAt(i: number): { name: string; targetVersion: unknown } } } | undefined;
  let info: PropInfo | null = null;
  if (inst) {
    const schema = inst.getSchema();
    const names = new Map<string, { major: number; minor: number } | undefined>();
    for (let i = 0; i < schema.getCount(); i++) {
      const p = schema.getItemAt(i);
      names.set(p.name, versionOf(p.targetVersion));
    }
    for (const k of COLLECTION_KEYS[type] ?? []) names.set(k, undefined);
    names.set('fallback', undefined);
    info = { names, version: registryVersion(type) };
  }
  schemaCache.set(type, info);
  return info;
}

/** Every problem found; an empty list means the card is clean. */
export function cardProblems(card: AdaptiveCard, opts: { allowDollarBrace?: boolean } = {}): string[] {
  const problems: string[] = [];
  const json = JSON.stringify(card);

  // 1. The library's own parse and validation. Its `lang` check uses a /g regex with exec(), whose
  // lastIndex survives between calls and rejects every second valid value: reset it first.
  AC.CardElement.langProperty.regEx.lastIndex = 0;
  const ctx = new AC.SerializationContext();
  const parsed = new AC.AdaptiveCard();
  parsed.parse(JSON.parse(json), ctx);
  for (let i = 0; i < ctx.eventCount; i++) problems.push(`parse: ${ctx.getEventAt(i).message}`);
  const results = parsed.validateProperties();
  for (const e of results.validationEvents ?? []) problems.push(`validate: ${e.message}`);

  // 2. Version ≤ 1.5 (the library's latest is 1.6, so it would not complain itself).
  const v = /^(\d+)\.(\d+)$/.exec(String(card.version));
  if (!v || tooNew({ major: Number(v[1]), minor: Number(v[2]) })) problems.push(`version ${card.version} is not ≤ 1.5`);

  // 3. Leftover template syntax.
  if (!opts.allowDollarBrace && json.includes('${')) problems.push('leftover ${…} binding');

  // 4. Walk: known types and properties, ids, toggle targets, verbs.
  const ids = new Set<string>();
  const targets: string[] = [];
  const walk = (node: unknown, path: string, parentType?: string): void => {
    if (Array.isArray(node)) {
      node.forEach((n, i) => walk(n, `${path}[${i}]`, parentType));
      return;
    }
    if (!node || typeof node !== 'object') return;
    const o = node as Json;
    if ('$data' in o || '$when' in o) problems.push(`${path}: leftover $data/$when`);
    if (parentType === 'FactSet') {
      for (const k of Object.keys(o)) if (k !== 'title' && k !== 'value') problems.push(`${path}: unknown Fact property ${k}`);
      if (typeof o.title !== 'string' || typeof o.value !== 'string') problems.push(`${path}: fact title/value must be strings`);
      return;
    }
    const type = typeof o.type === 'string' ? o.type : undefined;
    if (!type) {
      problems.push(`${path}: object without type`);
      return;
    }
    const info = propInfo(type);
    if (!info) {
      problems.push(`${path}: unknown type ${type}`);
      return;
    }
    if (tooNew(info.version)) problems.push(`${path}: ${type} needs a version above 1.5`);
    for (const [k, val] of Object.entries(o)) {
      if (!info.names.has(k)) {
        problems.push(`${path}: unknown property ${type}.${k}`);
        continue;
      }
      if (tooNew(info.names.get(k))) problems.push(`${path}: ${type}.${k} needs a version above 1.5`);
      if (k === 'text' && typeof val !== 'string') problems.push(`${path}: ${type}.text is not a string`);
    }
    if (typeof o.id === 'string') {
      if (ids.has(o.id)) problems.push(`${path}: duplicate id ${o.id}`);
      ids.add(o.id);
    }
    if (type === 'Action.ToggleVisibility') {
      for (const t of (o.targetElements as unknown[]) ?? []) targets.push(typeof t === 'string' ? t : String((t as Json).elementId));
    }
    if (type === 'Action.Execute') {
      const verbs = Object.values(VERBS) as string[];
      if (typeof o.verb !== 'string' || !verbs.includes(o.verb)) problems.push(`${path}: Action.Execute verb ${String(o.verb)} is not one of VERBS`);
      if (typeof o.title !== 'string' || !o.title) problems.push(`${path}: Action.Execute without a title`);
    }
    for (const k of COLLECTION_KEYS[type] ?? []) if (k in o) walk(o[k], `${path}.${k}`, type);
  };
  walk(card, '$');
  for (const t of targets) if (!ids.has(t)) problems.push(`toggle target ${t} does not exist`);
  return problems;
}

/** All objects of a given type, anywhere in the card. */
export function findAll(card: unknown, type: string): Json[] {
  const out: Json[] = [];
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      const o = n as Json;
      if (o.type === type) out.push(o);
      for (const [k, v] of Object.entries(o)) if (k !== 'data') walk(v);
    }
  };
  walk(card);
  return out;
}

/** Every text a person sees, in document order (TextBlock, TextRun, Fact, action titles). */
export function visibleTexts(card: unknown): string[] {
  const out: string[] = [];
  const walk = (n: unknown, inFacts = false): void => {
    if (Array.isArray(n)) n.forEach((x) => walk(x, inFacts));
    else if (n && typeof n === 'object') {
      const o = n as Json;
      if (inFacts) out.push(String(o.title), String(o.value));
      if ((o.type === 'TextBlock' || o.type === 'TextRun') && typeof o.text === 'string') out.push(o.text);
      if (typeof o.type === 'string' && o.type.startsWith('Action.') && typeof o.title === 'string') out.push(o.title);
      for (const [k, v] of Object.entries(o)) if (k !== 'data') walk(v, k === 'facts');
    }
  };
  walk(card);
  return out;
}

export function visibleText(card: unknown): string {
  return visibleTexts(card).join('\n');
}

/** The Action.Execute actions, with their verb and data. */
export function executeActions(card: unknown): Array<{ verb: string; title: string; data: unknown }> {
  return findAll(card, 'Action.Execute').map((a) => ({ verb: String(a.verb), title: String(a.title), data: a.data }));
}

/** Texts rendered WITH Markdown by hosts: TextBlock text, Fact title/value. */
export function markdownTexts(card: unknown): string[] {
  const out: string[] = [];
  const walk = (n: unknown, inFacts = false): void => {
    if (Array.isArray(n)) n.forEach((x) => walk(x, inFacts));
    else if (n && typeof n === 'object') {
      const o = n as Json;
      if (inFacts) out.push(String(o.title), String(o.value));
      if (o.type === 'TextBlock' && typeof o.text === 'string') out.push(o.text);
      for (const [k, v] of Object.entries(o)) if (k !== 'data') walk(v, k === 'facts');
    }
  };
  walk(card);
  return out;
}
