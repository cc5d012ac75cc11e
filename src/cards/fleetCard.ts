// The fleet card: how many devices churn benignly, which have credential problems (worst first, with
// their finding kinds), how many look fine, the window, and the query to open in Log Analytics. A
// drill-down shows one device's summary. Device ids and workspace messages are user-derived: they go
// only into TextRuns (no Markdown) and action data, through plain()/redact() like the verdict card.
import { expand } from './templates';
import { bucketOf } from '../fleet/summaries';
import type { FleetDevice, FleetOutcome, FleetResult } from '../fleet/types';
import { knowledge } from '../triage/knowledge';
import { NO_RECONNECT_MINUTES } from '../triage/fleetKql';
import { redact } from '../triage/redact';
import { kindCategory } from '../triage/verdict';
import type { FindingKind, Lang } from '../triage/types';
import { fleetStrings, type FleetStrings } from './fleetStrings';
import { verdictColor, verdictStyle, type TextColor } from './severity';
import { cardSizeBelow } from './size';
import { strings } from './strings';
import { formatDateTime, formatMinutes, formatSeconds, plain, truncate } from './text';
import { CARD_SIZE_LIMIT, type AdaptiveCard, type CardContext } from './types';

interface FleetLimits {
  credential: number;
  other: number;
  queryLines: number;
  descriptions: number;
  chars: number;
}

/** Walked down until the card fits CARD_SIZE_LIMIT. */
const LIMITS: readonly FleetLimits[] = [
  { credential: 10, other: 3, queryLines: 120, descriptions: 5, chars: 200 },
  { credential: 5, other: 2, queryLines: 60, descriptions: 3, chars: 120 },
  { credential: 2, other: 1, queryLines: 0, descriptions: 1, chars: 80 },
];


const CATEGORY_COLOR: Record<ReturnType<typeof kindCategory>, TextColor> = { credential: 'Attention', benign: 'Good', other: 'Accent', advisory: 'Warning' };

/** An id sent back in Action.Execute data: exact (lookups need it), bounded, secret-free. */
function actionId(id: string): string {
  return truncate(redact(String(id ?? '')).text, 256);
}

function kindTitle(kind: FindingKind, lang: Lang): string {
  try {
    return knowledge(kind, lang).title;
  } catch {
    return kind;
  }
}

function queryLines(query: string | undefined, max: number): { text: string }[] {
  if (!query || max <= 0) return [];
  const lines = String(query)
    .split(/\r?\n/)
    .map((l) => plain(l.replace(/\t/g, '  '), 600))
    .filter(Boolean);
  const shown = lines.slice(0, max).map((text) => ({ text }));
  if (lines.length > max) shown.push({ text: '…' });
  return shown;
}

function deviceRow(d: FleetDevice, lang: Lang, s: FleetStrings, limits: FleetLimits) {
  const kinds = d.kinds;
  const top = d.topDescriptions[0];
  return {
    deviceId: plain(d.deviceId, 128) || '—',
    lookupId: actionId(d.deviceId),
    verdictLabel: strings(lang).verdictName[d.verdict] ?? d.verdict,
    verdictColor: verdictColor(d.verdict),
    hasKinds: kinds.length > 0,
    kindsLine: plain(kinds.map((k) => kindTitle(k, lang)).join(' · '), limits.chars),
    counts: s.counts(d.summary.unauthorized, d.summary.trailing, d.summary.closedRemotely, d.summary.connected),
    hasTopDescription: !!top?.description,
    topDescription: top ? plain(`×${top.count} ${top.description}`, limits.chars) : '',
  };
}

function median(xs: number[]): number | undefined {
  if (!xs.length) return undefined;
  const a = [...xs].sort((x, y) => x - y);
  const m = a.length >> 1;
  return a.length % 2 ? a[m] : (a[m - 1] + a[m]) / 2;
}

function hubData(r: FleetResult, lang: Lang, s: FleetStrings, limits: FleetLimits) {
  const credential = r.devices.filter((d) => bucketOf(d.verdict) === 'credential');
  const other = r.devices.filter((d) => bucketOf(d.verdict) === 'other');
  const churn = r.devices.filter((d) => bucketOf(d.verdict) === 'churn');
  const T = r.totals;
  const empty = T.devices === 0;
  // Beyond the returned rows only the totals know how many there are.
  const credentialTotal = Math.max(T.credential, credential.length);
  const otherTotal = Math.max(T.other, other.length);
  const life = median(churn.map((d) => d.summary.medianIntervalMinutes).filter((x): x is number => x !== undefined));
  const rec = median(churn.map((d) => d.summary.medianReconnectSeconds).filter((x): x is number => x !== undefined));
  const overall = empty ? 'inconclusive' : credentialTotal > 0 ? 'credential-problem' : otherTotal > 0 ? 'not-auth-related' : 'token-expiry-churn';
  const status = empty
    ? s.headline.empty
    : credentialTotal > 0
      ? s.headline.credential(credentialTotal)
      : otherTotal > 0
        ? s.headline.other(otherTotal)
        : T.churn > 0
          ? s.headline.churn(T.churn)
          : s.headline.fine;
  return {
    style: verdictStyle(overall),
    color: verdictColor(overall),
    status,
    title: plain(s.title(r.hub), 120),
    isEmpty: empty,
    emptyHint: s.emptyHint,
    hasTotals: !empty,
    totals: [
      { title: s.totals.credential, value: String(T.credential) },
      { title: s.totals.churn, value: String(T.churn) },
      { title: s.totals.other, value: String(T.other) },
      { title: s.totals.fine, value: String(T.fine) },
      { title: s.totals.devices, value: String(T.devices) },
      { title: s.totals.window, value: s.window(r.since) },
    ],
    hasTruncated: r.truncated,
    truncatedText: s.truncated(r.devices.length, T.devices),
    hasCredential: credential.length > 0 && limits.credential > 0,
    credentialTitle: s.credentialTitle,
    credential: credential.slice(0, limits.credential).map((d) => deviceRow(d, lang, s, limits)),
    hasMoreCredential: credentialTotal > Math.min(credential.length, limits.credential),
    moreCredential: s.more(credentialTotal - Math.min(credential.length, limits.credential)),
    hasOther: other.length > 0 && limits.other > 0,
    otherTitle: s.otherTitle,
    other: other.slice(0, limits.other).map((d) => deviceRow(d, lang, s, limits)),
    hasMoreOther: otherTotal > Math.min(other.length, limits.other),
    moreOther: s.more(otherTotal - Math.min(other.length, limits.other)),
    hasChurn: T.churn > 0,
    churnTitle: s.churnTitle,
    churnLine: s.churnLine(T.churn, life !== undefined ? formatMinutes(life) : undefined, rec !== undefined ? formatSeconds(rec) : undefined),
    hasHubActions: true,
  };
}

function deviceData(r: FleetResult, lang: Lang, s: FleetStrings, limits: FleetLimits) {
  const id = r.deviceId ?? '';
  const d = r.devices.find((x) => x.deviceId === id) ?? r.devices[0];
  const facts: { title: string; value: string }[] = [];
  const findings: { title: string; color: TextColor; hasExplanation: boolean; explanation: string }[] = [];
  if (d) {
    const m = d.summary;
    // FactSet values render Markdown: only numbers, our durations and our dates go there.
    facts.push({ title: s.facts.unauthorized, value: String(m.unauthorized) });
    facts.push({ title: s.facts.trailing, value: String(m.trailing) });
    facts.push({ title: s.facts.recovered, value: String(m.recovered) });
    if (m.connected === 0) facts.push({ title: s.facts.retries, value: String(m.retries) });
    facts.push({ title: s.facts.unreconnected(NO_RECONNECT_MINUTES), value: String(d.unreconnected ?? 0) });
    facts.push({ title: s.facts.closed, value: String(m.closedRemotely) });
    facts.push({ title: s.facts.connected, value: String(m.connected) });
    if (m.medianIntervalMinutes !== undefined) facts.push({ title: s.facts.lifetime, value: formatMinutes(m.medianIntervalMinutes) });
    if (m.medianReconnectSeconds !== undefined) facts.push({ title: s.facts.reconnect, value: formatSeconds(m.medianReconnectSeconds) });
    if (m.firstSeen) facts.push({ title: s.facts.firstSeen, value: formatDateTime(m.firstSeen) });
    if (m.lastSeen) facts.push({ title: s.facts.lastSeen, value: formatDateTime(m.lastSeen) });
    for (const k of d.kinds) {
      let explanation = '';
      try {
        explanation = knowledge(k, lang).explanation;
      } catch {
        explanation = '';
      }
      findings.push({ title: plain(kindTitle(k, lang), 200), color: CATEGORY_COLOR[kindCategory(k)] ?? 'Default', hasExplanation: !!explanation, explanation: plain(explanation, 400) });
    }
  }
  const verdict = d?.verdict ?? 'inconclusive';
  const descriptions = (d?.topDescriptions ?? []).slice(0, limits.descriptions).map((x) => ({ count: x.count, text: plain(x.description, limits.chars) }));
  return {
    style: verdictStyle(verdict),
    color: verdictColor(verdict),
    status: strings(lang).status[verdict],
    title: plain(id, 128) || '—',
    isEmpty: !d,
    emptyHint: `${s.deviceEmpty(plain(id, 128))} ${s.emptyHint}`,
    isDevice: true,
    hasDeviceFacts: facts.length > 0,
    deviceFacts: facts,
    findingsTitle: s.findings,
    hasFindings: findings.length > 0,
    findings,
    descriptionsTitle: s.descriptions,
    hasDescriptions: descriptions.length > 0,
    descriptions,
    deviceLookupId: actionId(id),
    hasPartial: false,
  };
}

function build(outcome: FleetOutcome, ctx: CardContext, limits: FleetLimits): AdaptiveCard {
  const lang: Lang = ctx?.lang === 'nl' ? 'nl' : 'en';
  const s = fleetStrings(lang);
  const base = {
    lang,
    detailsTitle: s.details,
    lookupTitle: s.lookUp,
    backTitle: s.backToHub,
    checkAgainTitle: s.checkAgain,
    watchTitle: s.watchHub,
    showQueryTitle: s.showQuery,
    hasWatch: false,
    hub: '',
    since: '',
    subtitle: '',
    isFailure: false,
    isFailureWithQuery: false,
    isEmpty: false,
    isDevice: false,
    hasHubActions: false,
    hasTotals: false,
    hasTruncated: false,
    hasCredential: false,
    hasOther: false,
    hasChurn: false,
    hasPartial: false,
    hasQuery: false,
    queryHowTo: '',
    queryLines: [] as { text: string }[],
  };
  if (!outcome || !outcome.ok) {
    const reason = outcome && !outcome.ok ? outcome.reason : 'error';
    const f = s.failure[reason] ?? s.failure.error;
    const lines = queryLines(outcome && !outcome.ok ? outcome.query : undefined, limits.queryLines);
    return expand('fleet', {
      ...base,
      style: 'attention',
      color: 'Attention',
      status: s.failedTitle,
      title: f.title,
      isFailure: true,
      failureMessage: plain(outcome && !outcome.ok ? outcome.message : '', 400),
      failureHint: f.hint,
      hasQuery: lines.length > 0,
      isFailureWithQuery: lines.length > 0,
      queryHowTo: s.queryHowTo(),
      queryLines: lines,
    });
  }
  const r = outcome.result;
  const lines = queryLines(r.query, limits.queryLines);
  const common = {
    ...base,
    hub: actionId(r.hub),
    since: actionId(r.since),
    subtitle: `  ${s.window(plain(r.since, 10))}`,
    hasPartial: !!r.partial,
    partialText: s.partial,
    partialDetail: plain(r.partial?.message, 300),
    hasQuery: lines.length > 0,
    queryHowTo: s.queryHowTo(plain(r.since, 10)),
    queryLines: lines,
  };
  if (r.deviceId !== undefined) {
    const dd = deviceData(r, lang, s, limits);
    return expand('fleet', { ...common, ...dd, subtitle: `  ${s.deviceTitle} ${plain(r.hub, 60)} · ${s.window(plain(r.since, 10))}`, hasPartial: !!r.partial });
  }
  return expand('fleet', { ...common, ...hubData(r, lang, s, limits), hasWatch: ctx?.watchAvailable === true });
}

export function fleetCard(outcome: FleetOutcome, ctx: CardContext): AdaptiveCard {
  let card: AdaptiveCard | undefined;
  for (const limits of LIMITS) {
    card = build(outcome, ctx, limits);
    if (cardSizeBelow(card, CARD_SIZE_LIMIT + 1)) return card;
  }
  return card as AdaptiveCard;
}
