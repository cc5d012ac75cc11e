// Triage -> the data the verdict template binds to. All summarising and capping happens here, so the
// template stays a dumb layout and a 10 000-device paste still yields a small card.
import { failureMessage } from '../explain/messages';
import { hubFactText } from '../triage/hubFactTexts';
import { isKnownKind, isKnownNote, knowledge, noteText, verdictText, type KnowledgeEntry } from '../triage/knowledge';
import { redact } from '../triage/redact';
import { kindCategory } from '../triage/verdict';
import type { DeviceSummary, Finding, HubFact, Note, SecretKind, Triage, Verdict } from '../triage/types';
import { compactTriage } from './compactTriage';
import { topDevices, topFindings, verdictColor, verdictStyle, type TextColor } from './severity';
import { strings, type CardStrings } from './strings';
import { breakable, formatClock, formatDateTime, formatMinutes, formatSeconds, plain, plainFixed, plainLines, roundNice, truncate } from './text';
import type { CardContext } from './types';

/** How much of each section a card may show; verdictCard walks down these until the card fits. */
export interface VerdictLimits {
  devices: number;
  findings: number;
  evidencePerFinding: number;
  keyEvidence: number;
  timelines: number;
  episodes: number;
  todoKinds: number;
  notes: number;
  chars: number;
  explanationChars: number;
}

export const VERDICT_LIMITS: readonly VerdictLimits[] = [
  { devices: 8, findings: 12, evidencePerFinding: 3, keyEvidence: 3, timelines: 3, episodes: 8, todoKinds: 3, notes: 6, chars: 300, explanationChars: 4000 },
  { devices: 5, findings: 6, evidencePerFinding: 2, keyEvidence: 3, timelines: 2, episodes: 6, todoKinds: 3, notes: 4, chars: 200, explanationChars: 2500 },
  { devices: 3, findings: 3, evidencePerFinding: 1, keyEvidence: 2, timelines: 1, episodes: 4, todoKinds: 2, notes: 3, chars: 120, explanationChars: 1500 },
  { devices: 1, findings: 0, evidencePerFinding: 0, keyEvidence: 1, timelines: 0, episodes: 0, todoKinds: 1, notes: 2, chars: 80, explanationChars: 600 },
];

const CATEGORY_COLOR: Record<ReturnType<typeof kindCategory>, TextColor> = {
  credential: 'Attention',
  benign: 'Good',
  other: 'Accent',
  advisory: 'Warning',
};

const SAFE_DOC_URL = /^https:\/\/[A-Za-z0-9.-]+\/[^\s()[\]<>"']*$/;

/** An id as sent back in Action.Execute data: exact (the registry needs it), but bounded and secret-free. */
function actionId(id: string): string {
  return truncate(redact(id).text, 256);
}

function deviceLabel(d: { deviceId?: string; moduleId?: string }): string {
  if (!d.deviceId) return '';
  return d.moduleId ? `${d.deviceId}/${d.moduleId}` : d.deviceId;
}

function isRegistryNote(n: Note): boolean {
  return n.code.startsWith('registry-');
}

function secretSection(t: Triage, ctx: CardContext, s: CardStrings, limits: VerdictLimits) {
  const secretFindings = (t.findings ?? []).filter((f) => f.kind === 'secret-exposed');
  const show =
    secretFindings.length > 0 || (t.input?.secretsRedacted ?? 0) > 0 || (t.notes ?? []).some((n) => n.code === 'secrets-redacted');
  if (!show) return { show: false };
  const kinds = new Set<SecretKind>();
  for (const f of secretFindings) for (const k of f.details?.secretKinds ?? []) kinds.add(k);
  const names = [...kinds].map((k) => s.secretKind[k] ?? k).join(', ') || s.secretGeneric;
  const kb = safeKnowledge('secret-exposed', ctx);
  const steps = kb && kb.fix.length > 0 ? kb.fix : s.secretRotate;
  const lines = secretFindings
    .flatMap((f) => f.evidence ?? [])
    .slice(0, 3)
    .map((e) => ({ label: s.line(e.line), text: plain(e.text, limits.chars) }));
  return {
    show: true,
    title: s.secretTitle,
    body: s.secretBody(names),
    steps: steps.slice(0, 5).map((text, i) => ({ marker: `${i + 1}.`, text: plainFixed(text, 400) })),
    hasLines: lines.length > 0,
    shownLabel: s.secretShown,
    lines,
  };
}

function safeKnowledge(kind: Finding['kind'], ctx: CardContext) {
  try {
    return knowledge(kind, ctx.lang);
  } catch {
    return undefined; // a knowledge-base gap must not cost the user the verdict
  }
}

const MAX_FACTS_PER_KIND = 6;

function factsOf(t: Triage, kind: Finding['kind'], ctx: CardContext): Array<{ text: string; fix: string[] }> {
  const seen = new Set<string>();
  const out: Array<{ text: string; fix: string[] }> = [];
  for (const f of t.findings ?? []) {
    if (f.kind !== kind) continue;
    for (const fact of (f.details?.hubFacts ?? []) as HubFact[]) {
      const rendered = hubFactText(fact, ctx.lang);
      if (seen.has(rendered.text) || out.length >= MAX_FACTS_PER_KIND) continue;
      seen.add(rendered.text);
      out.push(rendered);
    }
  }
  return out;
}

type TodoItem = ReturnType<typeof todoItem>;

/*
 * What depends only on a finding kind or a note code and the language is shaped once per process and
 * shared: a to-do entry without hub facts (frozen: the template only reads it), a finding's title, a note
 * without parameters. Between two pastes a server runs the HTTP stack and botbuilder, and shaping these
 * again meant reading a dozen knowledge-base objects and memo entries back into the CPU's caches (README,
 * "Load"). Only kinds and codes the knowledge base knows are kept (a card action's data may carry any, and
 * the maps stay bounded), and never what a knowledge-base fault left.
 */
const sharedTodos = new Map<string, TodoItem>();
const titles = new Map<string, string>();
const plainNotes = new Map<string, string>();
const sharedKey = (lang: string, name: string): string => `${lang}\u0000${name}`;

function todoItem(kind: Finding['kind'], k: KnowledgeEntry | undefined, s: CardStrings, facts: Array<{ text: string; fix: string[] }>) {
  const category = kindCategory(kind);
  // Several hubs and DPS: each fact on this kind's findings is said, and its own fix comes first.
  const fix = [...new Set([...facts.flatMap((f) => f.fix), ...(k?.fix ?? [])])];
  const steps =
    fix.length > 0
      ? fix.slice(0, 6).map((text, i) => ({ marker: `${i + 1}.`, text: facts.length ? plain(text, 400) : plainFixed(text, 400) }))
      : category === 'benign'
        ? [{ marker: '✓', text: s.noActionNeeded }]
        : [];
  const docUrl = k?.docUrl && SAFE_DOC_URL.test(k.docUrl) ? k.docUrl : '';
  const explanation = truncate(k?.explanation ?? '', 600);
  return {
    title: plainFixed(k?.title ?? kind, 200),
    color: CATEGORY_COLOR[category],
    hasExplanation: explanation.length > 0 && explanation !== k?.title,
    explanation,
    facts: facts.map((f) => ({ text: plain(f.text, 400) })),
    steps,
    hasDoc: docUrl.length > 0,
    docUrl,
  };
}

/** A finding kind's title. */
function kindTitle(kind: Finding['kind'], ctx: CardContext): string {
  const key = sharedKey(ctx.lang, kind);
  let title = titles.get(key);
  if (title === undefined) {
    const k = safeKnowledge(kind, ctx);
    title = plainFixed(k?.title ?? kind, 200);
    if (k && isKnownKind(kind)) titles.set(key, title);
  }
  return title;
}

/** How many shaped entries the view keeps (for tests: known kinds and notes only, so it stays bounded). */
export function sharedViewEntries(): number {
  return sharedTodos.size + titles.size + plainNotes.size;
}

function sharedTodoItem(kind: Finding['kind'], ctx: CardContext, s: CardStrings): TodoItem {
  const key = sharedKey(ctx.lang, kind);
  let item = sharedTodos.get(key);
  if (!item) {
    const k = safeKnowledge(kind, ctx);
    item = todoItem(kind, k, s, []);
    if (!k || !isKnownKind(kind)) return item;
    for (const step of item.steps) Object.freeze(step);
    Object.freeze(item.steps);
    Object.freeze(item.facts);
    sharedTodos.set(key, Object.freeze(item));
  }
  return item;
}

function todoSection(t: Triage, ctx: CardContext, s: CardStrings, limits: VerdictLimits) {
  const counts = new Map<Finding['kind'], number>();
  for (const f of t.findings ?? []) if (f.kind !== 'secret-exposed') counts.set(f.kind, (counts.get(f.kind) ?? 0) + 1);
  const rank = { credential: 0, other: 1, benign: 2, advisory: 3 } as const;
  const kinds = [...counts.keys()].sort(
    (a, b) => rank[kindCategory(a)] - rank[kindCategory(b)] || (counts.get(b) ?? 0) - (counts.get(a) ?? 0),
  );
  return kinds.slice(0, limits.todoKinds).map((kind) => {
    const facts = factsOf(t, kind, ctx);
    return facts.length ? todoItem(kind, safeKnowledge(kind, ctx), s, facts) : sharedTodoItem(kind, ctx, s);
  });
}

function hubStateText(h: NonNullable<DeviceSummary['hubs']>[number], s: CardStrings): string {
  if (h.state === 'found') return s.hubRegistered(h.status === 'disabled' ? s.disabled : s.enabled, (h.authType && s.authType[h.authType]) || s.none);
  if (h.state === 'failed') return s.hubFailed;
  return s.hubNotRegistered;
}

function stateOf(d: DeviceSummary, s: CardStrings) {
  const r = d.registry;
  if (!r) return { hasState: false, stateLabel: '', stateLine: '', stateColor: 'Default' };
  const label = `${s.deviceState}: `;
  // Several hubs: which hubs have the device and which do not, ahead of the state of the one checked.
  const hubs = (d.hubs ?? []).length > 1 ? (d.hubs ?? []).map((h) => `${h.hub}: ${hubStateText(h, s)}`).join(' · ') : '';
  if (!r.found) return { hasState: true, stateLabel: label, stateLine: plain(hubs || s.notInRegistry, 400), stateColor: 'Attention' };
  const parts: string[] = hubs ? [hubs] : [];
  if (r.connectionState) parts.push(r.connectionState === 'Connected' ? s.connected : s.disconnected);
  if (r.lastActivityTime) parts.push(`${s.lastActivity} ${formatDateTime(r.lastActivityTime)}`);
  if (r.status) {
    const reason = plain(r.statusReason, 120);
    parts.push(`${s.status_} ${r.status === 'enabled' ? s.enabled : s.disabled}${reason ? ` (${reason})` : ''}`);
  }
  if (r.statusUpdatedTime) parts.push(`${s.statusChanged} ${formatDateTime(r.statusUpdatedTime)}`);
  return {
    hasState: true,
    stateLabel: label,
    stateLine: plain(parts.join(' · ') || s.none, 400),
    stateColor: r.status === 'disabled' ? 'Attention' : r.connectionState === 'Connected' ? 'Good' : 'Default',
  };
}

function devicesSection(t: Triage, s: CardStrings, limits: VerdictLimits) {
  const all = t.devices ?? [];
  const top = topDevices(all, limits.devices);
  const rows = top.map((d) => {
    const c = d.counts ?? { unauthorized: 0, closedRemotely: 0, connected: 0, otherErrors: 0 };
    const detail = [s.deviceCounts(c.unauthorized, c.closedRemotely, c.connected), s.endsWith[d.endsWith] ?? '', d.protocol ?? '', d.hub ?? '']
      .filter(Boolean)
      .join(' · ');
    return {
      deviceId: plain(deviceLabel(d), 100),
      lookupId: actionId(d.deviceId),
      verdictLabel: s.verdictName[d.verdict] ?? d.verdict,
      verdictColor: verdictColor(d.verdict),
      detail: plain(detail, limits.chars),
      ...stateOf(d, s),
    };
  });
  const rest = all.length - top.length;
  let moreDevices = '';
  if (rest > 0) {
    const shown = new Set(top);
    const byVerdict = new Map<Verdict, number>();
    for (const d of all) if (!shown.has(d)) byVerdict.set(d.verdict, (byVerdict.get(d.verdict) ?? 0) + 1);
    const breakdown = [...byVerdict.entries()].map(([v, n]) => `${s.verdictName[v] ?? v} ${n}`).join(' · ');
    moreDevices = `${s.moreDevices(rest)}: ${breakdown}`;
  }
  return { rows, moreDevices, total: all.length };
}

function timelinesSection(t: Triage, s: CardStrings, limits: VerdictLimits) {
  if (limits.timelines <= 0) return [];
  const withEpisodes = (t.devices ?? []).filter((d) => (d.episodes ?? []).length > 0);
  withEpisodes.sort((a, b) => (b.churnEpisodes ?? 0) - (a.churnEpisodes ?? 0) || (a.deviceId < b.deviceId ? -1 : 1));
  return withEpisodes.slice(0, limits.timelines).map((d) => {
    const episodes = d.episodes.slice(0, limits.episodes);
    const first = episodes[0]?.at;
    const total = Math.max(d.churnEpisodes ?? 0, d.episodes.length);
    const date = formatDateTime(first, '').slice(0, 10);
    const summary = [date, s.timelineSummary(total, roundNice(d.tokenLifetimeMinutes), roundNice(d.medianReconnectSeconds))]
      .filter(Boolean)
      .join(' · ');
    return {
      deviceId: plain(deviceLabel(d), 100),
      summary: plain(summary, 200),
      rows: episodes.map((e) => {
        const reconnected = e.reconnectSeconds !== undefined || e.reconnectedAt !== undefined;
        return {
          time: formatClock(e.at, first),
          reconnect: reconnected ? formatSeconds(e.reconnectSeconds, '✓') : s.noReconnect,
          reconnectColor: reconnected ? 'Default' : 'Attention',
          gap: formatMinutes(e.gapToNextMinutes),
        };
      }),
      hasMore: total > episodes.length,
      more: s.moreEpisodes(total - episodes.length),
    };
  });
}

function evidenceLabel(s: CardStrings, line: number, f?: Finding): string {
  const where = f ? deviceLabel(f) : '';
  return plain(where ? `${s.line(line)} · ${where}` : s.line(line), 120);
}

/** Evidence lines shaped once per view: the key evidence shows lines the findings list shows again. */
class EvidenceTexts {
  private readonly shaped = new Map<string, { text: string; broken: string }>();
  constructor(private readonly max: number) {}

  of(raw: string): { text: string; broken: string } {
    let out = this.shaped.get(raw);
    if (!out) {
      const text = plain(raw, this.max);
      out = { text, broken: breakable(text) };
      this.shaped.set(raw, out);
    }
    return out;
  }
}

function keyEvidenceSection(t: Triage, s: CardStrings, limits: VerdictLimits, texts: EvidenceTexts) {
  const candidates = topFindings(
    (t.findings ?? []).filter((f) => f.kind !== 'secret-exposed' && (f.evidence ?? []).length > 0),
    limits.keyEvidence * 3,
  );
  const seen = new Set<string>();
  const out: Array<{ label: string; text: string }> = [];
  for (const f of candidates) {
    const e = f.evidence[0];
    const { text, broken } = texts.of(e.text);
    if (!text || seen.has(text)) continue;
    seen.add(text);
    out.push({ label: evidenceLabel(s, e.line, f), text: broken });
    if (out.length >= limits.keyEvidence) break;
  }
  return out;
}

function findingsSection(t: Triage, ctx: CardContext, s: CardStrings, limits: VerdictLimits, texts: EvidenceTexts) {
  const all = t.findings ?? [];
  const top = topFindings(all, limits.findings);
  const rows = top.map((f) => {
    const where = [deviceLabel(f), f.hub ?? ''].filter(Boolean).join(' · ');
    return {
      title: kindTitle(f.kind, ctx),
      color: CATEGORY_COLOR[kindCategory(f.kind)],
      where: where ? `  ${plain(where, 160)}` : '',
      lines: (f.evidence ?? [])
        .slice(0, limits.evidencePerFinding)
        .map((e) => ({ label: s.line(e.line), text: texts.of(e.text).broken })),
    };
  });
  return { rows, rest: all.length - top.length };
}

/** A note's line; one without parameters ("paste more context", "run the KQL") is shared. */
function noteLine(n: Note, lang: CardContext['lang']): string {
  try {
    if (n.params !== undefined || !isKnownNote(n.code)) return plain(noteText(n, lang), 400);
    const key = sharedKey(lang, n.code);
    let text = plainNotes.get(key);
    if (text === undefined) plainNotes.set(key, (text = plain(noteText(n, lang), 400)));
    return text;
  } catch {
    return plain(n.code, 100);
  }
}

function notesSection(t: Triage, ctx: CardContext, s: CardStrings, limits: VerdictLimits) {
  const render = (n: Note): string => noteLine(n, ctx.lang);
  const notes = (t.notes ?? []).filter((n) => n.code !== 'secrets-redacted');
  return {
    registryNotes: notes
      .filter(isRegistryNote)
      .slice(0, 2)
      .map((n) => ({ label: s.registryNotDone, text: render(n) }))
      .concat(ctx.explainFailure && ctx.explainFailure !== 'not-configured' ? [{ label: s.explainNotDone, text: plainFixed(failureMessage(ctx.explainFailure, ctx.lang), 300) }] : []),
    notes: notes
      .filter((n) => !isRegistryNote(n))
      .slice(0, limits.notes)
      .map((n) => ({ text: render(n) }))
      .filter((n) => n.text),
  };
}

function explanationSection(t: Triage, ctx: CardContext, s: CardStrings, limits: VerdictLimits) {
  const e = ctx.explanation;
  // The rules decide; an explanation of a different verdict is stale or wrong, so it is not shown.
  if (!e || e.verdict !== t.verdict || !e.text) return { show: false };
  const paragraphs: Array<{ text: string }> = [];
  let budget = limits.explanationChars;
  for (const p of plainLines(e.text, 12, 1200)) {
    if (budget <= 0) break;
    const text = truncate(p, budget);
    budget -= text.length;
    paragraphs.push({ text });
  }
  const questions = (e.followUpQuestions ?? []).slice(0, 3).map((q) => ({ text: plain(q, 200) })).filter((q) => q.text);
  return {
    show: paragraphs.length > 0,
    title: s.explanationTitle,
    disclaimer: s.explanationDisclaimer,
    paragraphs,
    hasQuestions: questions.length > 0,
    followUp: s.followUp,
    questions,
  };
}

function hubOf(t: Triage): string | undefined {
  return t.recognised?.hubs?.[0] ?? t.devices?.find((d) => d.hub)?.hub ?? t.findings?.find((f) => f.hub)?.hub;
}

function readLine(t: Triage, s: CardStrings): string {
  const codes = (t.recognised?.codes ?? [])
    .slice(0, 4)
    .map((c) => `${c.code} ×${c.count}`)
    .join(', ');
  const hubs = (t.recognised?.hubs ?? []).slice(0, 2).join(', ');
  return plain([s.read(t.recognised?.records ?? 0, t.input?.lines ?? 0), codes, hubs].filter(Boolean).join(' · '), 300);
}

function header(t: Triage, ctx: CardContext, s: CardStrings) {
  let text = { headline: s.verdictName[t.verdict] ?? t.verdict, summary: '' };
  try {
    text = verdictText(t.verdict, ctx.lang);
  } catch {
    // keep our own words: the verdict must always be stated
  }
  return {
    lang: ctx.lang,
    verdict: t.verdict,
    style: verdictStyle(t.verdict),
    color: verdictColor(t.verdict),
    status: s.status[t.verdict] ?? t.verdict,
    headline: text.headline || s.verdictName[t.verdict] || t.verdict,
    hasSummary: !!text.summary && text.summary !== text.headline,
    summary: text.summary ?? '',
    readLine: readLine(t, s),
  };
}

function actionsSection(t: Triage, ctx: CardContext, s: CardStrings, explained: boolean) {
  const devices = t.devices ?? [];
  const hub = hubOf(t);
  return {
    kqlTitle: s.showKql,
    kqlData: devices.length === 1 ? { deviceId: actionId(devices[0].deviceId) } : {},
    hasExplain: !!ctx.explainAvailable && !explained,
    explainTitle: s.explain,
    explainData: ctx.explainAvailable && !explained ? { triage: compactTriage(t) } : {},
    hasHub: !!ctx.hubCheckAvailable && !!hub,
    hubTitle: s.checkHub,
    hubData: hub ? { hub: actionId(hub) } : {},
  };
}

/** The full view for the verdict template. */
export function verdictView(t: Triage, ctx: CardContext, limits: VerdictLimits): Record<string, unknown> {
  const s = strings(ctx.lang);
  const todo = todoSection(t, ctx, s, limits);
  const devices = devicesSection(t, s, limits);
  const timelines = timelinesSection(t, s, limits);
  const texts = new EvidenceTexts(limits.chars);
  const keyEvidence = keyEvidenceSection(t, s, limits, texts);
  const findings = findingsSection(t, ctx, s, limits, texts);
  const notes = notesSection(t, ctx, s, limits);
  const explanation = explanationSection(t, ctx, s, limits);
  // Spreads go last: on Node 20 (V8 11.3) each property written after a leading spread costs
  // microseconds, and this literal has about fifty (see README, "Load").
  return {
    secret: secretSection(t, ctx, s, limits),
    hasTodo: todo.length > 0,
    todoTitle: s.whatToDo,
    docLabel: s.docLabel,
    todo,
    hasDevices: devices.rows.length > 0,
    devicesTitle: `${s.devices} (${devices.total})`,
    devices: devices.rows,
    lookupTitle: s.lookUpDevice,
    hasMoreDevices: devices.moreDevices.length > 0,
    moreDevices: devices.moreDevices,
    hasTimelines: timelines.length > 0,
    timelineTitle: s.timeline,
    timeLabel: s.time,
    reconnectLabel: s.reconnect,
    gapLabel: s.gapToNext,
    timelines,
    hasKeyEvidence: keyEvidence.length > 0,
    keyEvidenceTitle: s.keyEvidence,
    keyEvidence,
    hasNotes: notes.registryNotes.length + notes.notes.length > 0 || !!ctx.registrySource,
    hasRegistrySource: !!ctx.registrySource,
    registrySourceLine: plain(`${s.registrySource}${ctx.registrySource ?? ''}`, 200),
    explanation,
    hasFindings: findings.rows.length > 0,
    showEvidenceTitle: s.showEvidence,
    evidenceTitle: s.evidence,
    findings: findings.rows,
    hasMoreFindings: findings.rest > 0,
    moreFindings: s.moreFindings(findings.rest),
    feedback: { prompt: s.helpful, yes: s.yes, no: s.no },
    actions: actionsSection(t, ctx, s, explanation.show),
    ...notes,
    ...header(t, ctx, s),
  };
}

/** When building the full view fails (a fault elsewhere), still state the verdict in words. */
export function minimalVerdictView(t: Triage, ctx: CardContext): Record<string, unknown> {
  const s = strings(ctx.lang);
  const verdict: Verdict = s.status[t.verdict] ? t.verdict : 'inconclusive';
  const empty = { ...VERDICT_LIMITS[VERDICT_LIMITS.length - 1], todoKinds: 0, keyEvidence: 0, devices: 0, timelines: 0, notes: 0 };
  const base = verdictView(
    { ...t, verdict, findings: [], devices: [], notes: [], recognised: { shapes: [], records: 0, codes: [], hubs: [], deviceIds: [], sasTokens: [], connectionStrings: [] } },
    { lang: ctx.lang },
    empty,
  );
  return { ...base, headline: s.verdictName[verdict], hasSummary: false };
}
