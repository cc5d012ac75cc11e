// The watch's two posts: the alert (what got worse, the devices, the usual fix per finding) and the
// recovered card. Device ids and the hub name are user-derived: they go only into TextRuns and action
// data, through plain(); TextBlocks carry our own strings and numbers only.
import { knowledge } from '../triage/knowledge';
import type { FindingKind, Lang } from '../triage/types';
import { withFindings } from '../watch/findings';
import type { WatchPostCore, WatchPostDevice } from '../watch/state';
import { watchStrings } from '../watch/strings';
import type { TextColor } from './severity';
import { cardSizeBelow } from './size';
import { expand } from './templates';
import { formatDateTime, plain, truncate } from './text';
import { CARD_SIZE_LIMIT, type AdaptiveCard, type CardContext } from './types';

/** Fix steps shown per finding, walked down until the card fits. */
const STEP_LIMITS = [6, 3, 1] as const;

const DEVICE_COLOR: Record<WatchPostDevice['change'], TextColor> = {
  new: 'Attention',
  'churn-to-unrecovered': 'Attention',
  listed: 'Attention',
  churn: 'Good',
  healthy: 'Good',
  unlisted: 'Default',
};

function kindTitle(kind: FindingKind, lang: Lang): string {
  try {
    return knowledge(kind, lang).title;
  } catch {
    return kind;
  }
}

function common(post: WatchPostCore, lang: Lang) {
  const s = watchStrings(lang);
  const shown = post.devices.shown;
  return {
    lang,
    title: plain(s.title(post.hub), 120),
    subtitle: plain(s.subtitle(post.since, formatDateTime(post.at)), 120),
    hub: truncate(plain(post.hub, 60), 60),
    changes: post.changes.map((c) => ({ text: s.change(c) })),
    hasDevices: shown.length > 0,
    devices: shown.map((d) => ({
      deviceId: plain(d.deviceId, 128) || '—',
      label: s.deviceLabel[d.change] ?? d.change,
      color: DEVICE_COLOR[d.change] ?? 'Default',
      hasKinds: d.kinds.length > 0,
      kindsLine: plain(d.kinds.map((k) => kindTitle(k, lang)).join(' · '), 300),
    })),
    hasMore: post.devices.total > shown.length,
    moreText: s.more(post.devices.total - shown.length),
    footer: s.footer,
    checkHubTitle: s.checkHub,
  };
}

function alert(post: WatchPostCore, lang: Lang, steps: number): AdaptiveCard {
  const s = watchStrings(lang);
  const full = withFindings(post, lang);
  const named = post.devices.shown.some((d) => d.change === 'new' || d.change === 'churn-to-unrecovered');
  return expand('watchAlert', {
    ...common(post, lang),
    status: named ? s.worseStatus(post.devices.total) : s.countStatus(post.credential),
    nowLine: s.now(post.credential),
    devicesTitle: s.devicesTitle,
    hasFindings: full.findings.length > 0,
    findingsTitle: s.findingsTitle,
    docLabel: s.docLabel,
    findings: full.findings.map((f) => ({
      title: plain(f.title, 200),
      devicesText: s.findingDevices(f.devices),
      steps: f.fix.slice(0, steps).map((text, i) => ({ marker: `${i + 1}.`, text: plain(text, 400) })),
      hasDoc: !!f.docUrl,
      docUrl: f.docUrl ?? '',
    })),
  });
}

function recovered(post: WatchPostCore, lang: Lang): AdaptiveCard {
  const s = watchStrings(lang);
  return expand('watchRecovered', {
    ...common(post, lang),
    status: s.recoveredStatus,
    devicesTitle: s.recoveredDevicesTitle,
    hasOpenSince: !!post.openSince,
    openSinceText: post.openSince ? s.openSince(formatDateTime(post.openSince)) : '',
  });
}

/** The alert card of a 'worse' post. */
export function watchAlertCard(post: WatchPostCore, ctx: CardContext): AdaptiveCard {
  const lang: Lang = ctx?.lang === 'nl' ? 'nl' : 'en';
  let card: AdaptiveCard | undefined;
  for (const steps of STEP_LIMITS) {
    card = alert(post, lang, steps);
    if (cardSizeBelow(card, CARD_SIZE_LIMIT + 1)) return card;
  }
  return card as AdaptiveCard;
}

/** The card of a 'recovered' post. */
export function watchRecoveredCard(post: WatchPostCore, ctx: CardContext): AdaptiveCard {
  return recovered(post, ctx?.lang === 'nl' ? 'nl' : 'en');
}

/** The card for any watch post. */
export function watchCard(post: WatchPostCore, ctx: CardContext): AdaptiveCard {
  return post.kind === 'recovered' ? watchRecoveredCard(post, ctx) : watchAlertCard(post, ctx);
}
