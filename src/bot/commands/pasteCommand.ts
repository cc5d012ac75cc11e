// Anything pasted: triage it and answer with the verdict card.
import { verdictCard } from '../../cards';
import type { ExplainFailure } from '../../explain';
import { verdictText } from '../../triage/knowledge';
import type { HandlerContext, Reply } from '../reply';
import { triageText, type TriageRun } from '../triageFlow';

export async function pasteCommand(text: string, ctx: HandlerContext): Promise<Reply> {
  const run = await triageText(text, ctx.services, ctx.options, { lang: ctx.lang });
  recordTriage(run, 'paste', ctx);
  return verdictReply(run, ctx);
}

export function verdictReply(run: TriageRun, ctx: HandlerContext): Reply {
  const card = verdictCard(run.triage, Object.assign({}, ctx.card, { explanation: run.explanation, explainFailure: run.explainFailure as ExplainFailure | undefined }));
  return { type: 'card', card, summary: verdictText(run.triage.verdict, ctx.lang).headline };
}

/**
 * Log and count a triage: verdict, kinds, sizes and timings only, never the text. The fields go on the
 * turn's own log line when the edge writes one (one line per turn, not two: each line costs a turn tens
 * of microseconds, README "Load"); otherwise on a line of their own.
 */
export function recordTriage(run: TriageRun, source: 'paste' | 'question' | 'message-action', ctx: HandlerContext): void {
  const t = run.triage;
  const kinds = [...new Set(t.findings.map((f) => f.kind))];
  const fields = {
    verdict: t.verdict,
    kinds,
    devices: t.devices.length,
    lookedUp: run.lookedUp,
    shapes: t.recognised.shapes,
    bytes: t.input.bytes,
    lines: t.input.lines,
    truncated: t.input.truncated,
    secretsRedacted: t.input.secretsRedacted,
    explained: run.explanation !== undefined,
    explainFailure: run.explainFailure,
    triageMs: run.timings.triageMs,
    lookupMs: run.timings.lookupMs,
    explainMs: run.timings.explainMs,
  };
  if (ctx.turnLog) Object.assign(ctx.turnLog, fields);
  else ctx.services.logger.info({ event: 'triage', source, ...fields, totalMs: run.timings.totalMs }, 'triage');
  try {
    ctx.services.telemetry?.trackTriage({ verdict: t.verdict, kinds, devices: t.devices.length, findings: t.findings.length, ms: run.timings.totalMs, source: source === 'message-action' ? 'action' : 'message' });
  } catch (err) {
    ctx.services.logger.warn({ event: 'telemetry-failed', err }, 'telemetry failed');
  }
}
