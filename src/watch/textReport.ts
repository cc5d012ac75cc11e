// A watch post as plain text, for the terminal and for scripts that forward it. Pure.
import { knowledge } from '../triage/knowledge';
import { redact } from '../triage/redact';
import type { Lang } from '../triage/types';
import type { WatchPost } from './findings';
import { watchStrings } from './strings';

function dateTime(iso: string): string {
  const t = Date.parse(iso);
  return Number.isFinite(t) ? new Date(t).toISOString().slice(0, 19).replace('T', ' ') : iso;
}

/** Device ids come from the workspace: one line each, secrets redacted. */
function id(text: string): string {
  return redact(text).text.replace(/[\u0000-\u001f\u007f]/g, ' ');
}

export function watchPostText(post: WatchPost, lang: Lang = 'en'): string {
  const s = watchStrings(lang);
  const named = post.devices.shown.some((d) => d.change === 'new' || d.change === 'churn-to-unrecovered');
  const status = post.kind === 'recovered' ? s.recoveredStatus : named ? s.worseStatus(post.devices.total) : s.countStatus(post.credential);
  const out = [status, `${s.title(id(post.hub))} · ${s.subtitle(post.since, dateTime(post.at))}`];
  for (const c of post.changes) out.push(`- ${s.change(c)}`);
  if (post.kind === 'worse') out.push(s.now(post.credential));
  if (post.openSince) out.push(s.openSince(dateTime(post.openSince)));
  if (post.devices.shown.length) {
    out.push('', `${post.kind === 'recovered' ? s.recoveredDevicesTitle : s.devicesTitle}:`);
    for (const d of post.devices.shown) {
      const kinds = d.kinds.length ? ` [${d.kinds.map((k) => knowledge(k, lang).title).join(' · ')}]` : '';
      out.push(`- ${id(d.deviceId)}: ${s.deviceLabel[d.change] ?? d.change}${kinds}`);
    }
    if (post.devices.total > post.devices.shown.length) out.push(`- ${s.more(post.devices.total - post.devices.shown.length)}`);
  }
  if (post.findings.length) {
    out.push('', `${s.findingsTitle}:`);
    for (const f of post.findings) {
      out.push(`${f.title} (${s.findingDevices(f.devices)})`);
      f.fix.forEach((step, i) => out.push(`  ${i + 1}. ${step}`));
      if (f.docUrl) out.push(`  ${s.docLabel}: ${f.docUrl}`);
    }
  }
  return out.join('\n');
}
