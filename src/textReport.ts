// Plain-text report of a Triage for the terminal (the CLI is our "shell adapter"). Pure.
import { hubFactText } from './triage/hubFactTexts';
import { errorCodeText, knowledge, noteText, verdictText } from './triage/knowledge';
import type { Finding, Lang, Triage } from './triage/types';

const LABELS = {
  en: { devices: 'Devices', findings: 'Findings', evidence: 'Evidence', todo: 'What to do', notes: 'Notes', kql: 'KQL (Log Analytics)', read: 'Read', lifetime: 'token lifetime', reconnect: 'reconnect', episodes: 'episodes', line: 'line', hubs: 'hubs', hubState: { found: 'registered', 'not-found': 'not registered', 'near-match': 'near match only', failed: 'could not be asked' } },
  nl: { devices: 'Apparaten', findings: 'Bevindingen', evidence: 'Bewijs', todo: 'Wat te doen', notes: 'Opmerkingen', kql: 'KQL (Log Analytics)', read: 'Gelezen', lifetime: 'tokenlevensduur', reconnect: 'herverbinding', episodes: 'episodes', line: 'regel', hubs: 'hubs', hubState: { found: 'geregistreerd', 'not-found': 'niet geregistreerd', 'near-match': 'alleen een bijna-gelijk ID', failed: 'kon niet worden gevraagd' } },
} as const;

function findingLine(f: Finding, lang: Lang): string {
  const kb = knowledge(f.kind, lang);
  const where = [f.deviceId && `device ${f.deviceId}${f.moduleId ? `/${f.moduleId}` : ''}`, f.hub && `hub ${f.hub}`].filter(Boolean).join(', ');
  const count = f.details.count && f.details.count > 1 ? ` ×${f.details.count}` : '';
  return `- [${f.kind}] ${kb.title}${where ? ` (${where})` : ''}${count}`;
}

export function textReport(t: Triage, lang: Lang): string {
  const L = LABELS[lang];
  const v = verdictText(t.verdict, lang);
  const out: string[] = [];
  out.push(`${v.headline}`, `${v.summary}`, '');
  const r = t.recognised;
  const read = [
    r.shapes.length ? r.shapes.join(', ') : undefined,
    r.records ? `${r.records} records` : undefined,
    r.codes.length ? r.codes.map((c) => `${c.code} ${c.name} ×${c.count}`).join(', ') : undefined,
    r.hubs.length ? `hubs: ${r.hubs.join(', ')}` : undefined,
  ].filter(Boolean);
  if (read.length) out.push(`${L.read}: ${read.join(' · ')}`, '');
  if (t.devices.length) {
    out.push(`${L.devices}:`);
    for (const d of t.devices.slice(0, 50)) {
      const rhythm = [
        d.churnEpisodes ? `${d.churnEpisodes} ${L.episodes}` : undefined,
        d.tokenLifetimeMinutes ? `${L.lifetime} ≈ ${d.tokenLifetimeMinutes} min` : undefined,
        d.medianReconnectSeconds !== undefined ? `${L.reconnect} ≈ ${d.medianReconnectSeconds} s` : undefined,
      ].filter(Boolean);
      out.push(`- ${d.deviceId}: ${d.verdict}${rhythm.length ? ` (${rhythm.join(', ')})` : ''}`);
      if (d.hubs?.length) out.push(`  ${L.hubs}: ${d.hubs.map((h) => `${h.hub} ${L.hubState[h.state]}`).join(' · ')}`);
    }
    if (t.devices.length > 50) out.push(`- … +${t.devices.length - 50}`);
    out.push('');
  }
  if (t.findings.length) {
    out.push(`${L.findings}:`);
    for (const f of t.findings) {
      out.push(findingLine(f, lang));
      const kb = knowledge(f.kind, lang);
      out.push(`  ${kb.explanation}`);
      if (f.kind === 'other-iothub-error' && f.details.errorCode) {
        const code = errorCodeText(f.details.errorCode, lang);
        if (code) out.push(`  ${f.details.errorCode}: ${code}`);
      }
      for (const e of f.evidence) out.push(`  > ${L.line} ${e.line}: ${e.text}`);
      // Several hubs and DPS: each fact, and its own fix ahead of the general ones.
      const facts = (f.details.hubFacts ?? []).map((x) => hubFactText(x, lang));
      for (const x of facts) out.push(`  • ${x.text}`);
      const fix = [...new Set([...facts.flatMap((x) => x.fix), ...kb.fix])];
      if (fix.length) {
        out.push(`  ${L.todo}:`);
        fix.forEach((s, i) => out.push(`   ${i + 1}. ${s}`));
      }
    }
    out.push('');
  }
  if (t.notes.length) {
    out.push(`${L.notes}:`);
    for (const n of t.notes) out.push(`- ${noteText(n, lang)}`);
    out.push('');
  }
  if (t.verdict === 'inconclusive' || t.verdict === 'mixed' || t.verdict === 'credential-problem') out.push(`${L.kql}:`, t.kql, '');
  return out.join('\n');
}
