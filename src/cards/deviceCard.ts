// The device card: one identity's registry state, or why it could not be looked up. Keys in the
// record are never read here (the registry may have fetched them for a signature check).
import { knowledge, noteText } from '../triage/knowledge';
import { redact } from '../triage/redact';
import { hubFactText } from '../triage/hubFactTexts';
import type { HubsLookup } from '../triage/hubs';
import { dpsFacts } from '../triage/hubsCrossCheck';
import type { DeviceRecord, RegistryFailure } from '../triage/types';
import { strings, type CardStrings } from './strings';
import { expand } from './templates';
import { FAILURE_NOTE } from '../triage/crossCheck';
import { formatDateTime, plain, truncate } from './text';
import type { AdaptiveCard, CardContext } from './types';


function failureWhy(reason: string, ctx: CardContext): string {
  const code = FAILURE_NOTE[reason as RegistryFailure] ?? 'registry-unavailable';
  try {
    return noteText({ code, params: { reason } }, ctx.lang);
  } catch {
    return reason;
  }
}

function notFoundSteps(ctx: CardContext) {
  try {
    return knowledge('device-not-registered', ctx.lang)
      .fix.slice(0, 5)
      .map((text, i) => ({ marker: `${i + 1}.`, text: plain(text, 400) }));
  } catch {
    return [];
  }
}

/** Several hubs: one row per hub (has it, has not, could not be asked, not asked, not configured), and DPS's side. */
function hubsSection(deviceId: string, hubs: HubsLookup | undefined, s: CardStrings, ctx: CardContext) {
  if (!hubs) return { hasHubs: false, hubRows: [], hasDps: false, dpsRows: [] };
  const rows: Array<{ hub: string; text: string; color: string }> = [];
  for (const a of hubs.answers) {
    const r = a.devices.get(deviceId);
    const row = !a.devices.has(deviceId)
      ? { text: `${s.hubFailed}${a.failure ? `: ${failureWhy(a.failure.reason, ctx)}` : ''}`, color: 'Warning' }
      : !r
        ? { text: s.hubNotRegistered, color: 'Attention' }
        : r.deviceId !== deviceId
          ? { text: s.hubNearMatch(r.deviceId), color: 'Attention' }
          : { text: s.hubRegistered(r.status === 'disabled' ? s.disabled : s.enabled, s.authType[r.authType] ?? r.authType), color: r.status === 'disabled' ? 'Attention' : 'Good' };
    rows.push({ hub: plain(a.hub, 100), text: plain(row.text, 300), color: row.color });
  }
  for (const h of hubs.notAsked) rows.push({ hub: plain(h, 100), text: s.hubNotAsked, color: 'Default' });
  for (const h of hubs.unknownHubs) rows.push({ hub: plain(h, 100), text: s.hubNotConfigured, color: 'Warning' });
  const dpsRows: Array<{ text: string }> = [];
  const dps = hubs.dps;
  if (dps?.failure) dpsRows.push({ text: plain(`${s.hubFailed}: ${dps.failure.message}`, 300) });
  const reg = dps?.registrations.get(deviceId);
  if (reg) {
    dpsRows.push({ text: plain(reg.status === 'assigned' && reg.assignedHub ? s.dpsAssigned(reg.assignedHub, (reg.lastUpdated ?? '').slice(0, 10)) : s.dpsState(reg.status), 300) });
  }
  // Disabled, no enrollment, failed: the same words (and fixes) as on the verdict card.
  for (const fact of dpsFacts(dps, deviceId, undefined)) {
    const t = hubFactText(fact, ctx.lang);
    dpsRows.push({ text: plain(t.text, 400) });
    for (const step of t.fix) dpsRows.push({ text: plain(`→ ${step}`, 400) });
  }
  return { hasHubs: rows.length > 0, hubRows: rows, hasDps: dpsRows.length > 0, dpsRows };
}

export function deviceCard(
  deviceId: string,
  record: DeviceRecord | null,
  ctx: CardContext & {
    failure?: { reason: string; message: string };
    /** When the registry was read, and whether this card replaces an earlier one (Refresh). */
    checked?: { at: Date; refreshed: boolean };
    /** Several hubs: every hub's answer and DPS's, as the directory gave them. */
    hubs?: HubsLookup;
  },
): AdaptiveCard {
  const s = strings(ctx.lang);
  const failure = ctx.failure;
  const found = !failure && record !== null && record !== undefined;
  const r = found ? record : undefined;
  // With several hubs, "not registered" is said only when some hub answered (an unconfigured hub is no answer).
  const notFound = !failure && record === null && (!ctx.hubs || ctx.hubs.answers.some((a) => a.devices.has(deviceId)));
  const facts: Array<{ title: string; value: string }> = [];
  // FactSet values take Markdown in Teams, so only our own labels and formatted dates go there.
  if (r) {
    facts.push({ title: s.status_, value: r.status === 'disabled' ? s.disabled : s.enabled });
    facts.push({ title: s.authTypeLabel, value: s.authType[r.authType] ?? s.none });
    if (r.connectionState) facts.push({ title: s.connection, value: r.connectionState === 'Connected' ? s.connected : s.disconnected });
    if (r.lastActivityTime) facts.push({ title: s.lastActivity, value: formatDateTime(r.lastActivityTime) });
    if (r.statusUpdatedTime) facts.push({ title: s.statusChanged, value: formatDateTime(r.statusUpdatedTime) });
    if (r.connectionStateUpdatedTime) facts.push({ title: s.connectionChanged, value: formatDateTime(r.connectionStateUpdatedTime) });
  }
  const summary = r
    ? [
        r.status === 'disabled' ? `⛔ ${s.disabled}` : `✅ ${s.enabled}`,
        r.connectionState ? (r.connectionState === 'Connected' ? s.connected : s.disconnected) : '',
      ]
        .filter(Boolean)
        .join(' · ')
    : '';
  const thumbprints = r && (r.primaryThumbprint || r.secondaryThumbprint)
    ? plain(`${r.primaryThumbprint || s.none} / ${r.secondaryThumbprint || s.none}`, 200)
    : '';
  const modules = r?.modules?.length
    ? plain(r.modules.slice(0, 20).join(', ') + (r.modules.length > 20 ? ` (+${r.modules.length - 20})` : ''), 600)
    : '';
  const reason = plain(r?.statusReason, 300);
  const detail = failure ? plain(failure.message, 300) : '';
  return expand('device', {
    lang: ctx.lang,
    title: s.deviceTitle,
    deviceId: plain(deviceId, 200) || s.none,
    lookupId: truncate(redact(String(deviceId ?? '')).text, 256),
    hasFailure: !!failure,
    failureLabel: s.lookupFailed,
    failureText: failure ? plain(failureWhy(failure.reason, ctx), 300) : '',
    hasFailureDetail: detail.length > 0,
    failureDetail: detail,
    // Look up again (after a failure) or refresh (after an answer); pointless when no registry is configured.
    hasRetry: failure?.reason !== 'not-configured',
    retryTitle: failure ? s.lookUpDevice : s.refresh,
    hasCheckedAt: ctx.checked !== undefined && !Number.isNaN(ctx.checked.at.getTime()),
    checkedAtLine: ctx.checked && !Number.isNaN(ctx.checked.at.getTime()) ? s.checkedAt(ctx.checked.at.toISOString().slice(11, 19), ctx.checked.refreshed) : '',
    isNotFound: notFound,
    notFoundText: s.notFound(),
    steps: notFound ? notFoundSteps(ctx) : [],
    hasRecord: !!r,
    summary,
    summaryColor: r?.status === 'disabled' ? 'Attention' : 'Good',
    facts,
    hasReason: reason.length > 0,
    reasonLabel: `${s.status_}: `,
    reason,
    hasThumbprints: thumbprints.length > 0,
    thumbprintsLabel: `${s.thumbprints}: `,
    thumbprints,
    hasModules: modules.length > 0,
    modulesLabel: `${s.modules}: `,
    modules,
    hasKeysNote: r?.authType === 'sas',
    keysNote: s.keysHidden,
    hasRegistrySource: !!ctx.registrySource,
    registrySourceLine: plain(`${s.registrySource}${ctx.registrySource ?? ''}`, 200),
    kqlTitle: s.showKql,
    hubsTitle: s.hubsTitle,
    dpsTitle: s.dpsTitle,
    ...hubsSection(deviceId, ctx.hubs, s, ctx),
  });
}
