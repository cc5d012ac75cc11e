// The paste flow: text -> triage (pure) -> registry cross-check (within a time budget) -> optional
// LLM explanation (within a budget). Each optional step degrades to "without it", never to an error.
import type { Explanation } from '../explain/types';
import { redact } from '../triage/redact';
import { applyRegistry, devicesToLookUp } from '../triage/crossCheck';
import { applyHubs } from '../triage/hubsCrossCheck';
import type { Lang, RegistryLookup, Triage } from '../triage/types';
import { withinBudget } from './budget';
import { createTriageBatcher } from './triageBatch';
import { DEFAULT_EXPLAIN_BUDGET_MS, DEFAULT_REGISTRY_BUDGET_MS, type BotOptions, type BotServices } from './services';

/** The engine's own cap applies again; this keeps a huge paste from costing more than a Teams message can hold anyway. */
export const MAX_TRIAGE_BYTES = 200 * 1024;

/** One queue for the process: pastes from every conversation that arrive together are triaged together. */
const pasteTriage = createTriageBatcher();

export interface TriageRun {
  triage: Triage;
  explanation?: Explanation;
  /** Why an asked-for explanation is missing (shown nowhere; logged). */
  explainFailure?: string;
  lookedUp: number;
  timings: { triageMs: number; lookupMs?: number; explainMs?: number; totalMs: number };
}

export interface TriageFlowOptions {
  lang: Lang;
  /** Ask the explainer: 'explain' the verdict, or 'answer' the user's question about it. */
  explain?: { mode: 'explain' } | { mode: 'answer'; question: string };
}

export async function triageText(
  text: string,
  services: BotServices,
  botOptions: Pick<BotOptions, 'registryBudgetMs' | 'explainBudgetMs'>,
  options: TriageFlowOptions,
): Promise<TriageRun> {
  const started = Date.now();
  const first = await pasteTriage.triage(text, { now: services.clock(), maxBytes: MAX_TRIAGE_BYTES });
  let t = first.triage;
  const triageMs = first.ms;
  let lookupMs: number | undefined;
  let lookedUp = 0;

  const budget = botOptions.registryBudgetMs ?? DEFAULT_REGISTRY_BUDGET_MS;
  const { ids, withKeys } = devicesToLookUp(t);
  const timedOut = (reason: 'timeout' | 'error', source: RegistryLookup['source']): RegistryLookup => ({
    devices: new Map(),
    failure: {
      reason,
      message: reason === 'timeout' ? `The registry did not answer within ${Math.round(budget / 1000)} s.` : 'The registry lookup failed.',
    },
    source,
  });
  if (services.directory && ids.length > 0) {
    // Several hubs: the hubs the paste names are asked first; hubs still unanswered near the budget are "not asked".
    const r = await withinBudget(services.directory.locate(ids, { withKeys, preferredHubs: t.recognised.hubs, deadlineMs: Math.round(budget * 0.8) }), budget);
    lookupMs = r.ms;
    lookedUp = ids.length;
    t = r.done ? applyHubs(t, r.value) : applyRegistry(t, timedOut(r.reason, 'iothub'));
  } else if (services.registry && ids.length > 0) {
    const registry = services.registry;
    const r = await withinBudget(registry.lookup(ids, { withKeys }), budget);
    lookupMs = r.ms;
    lookedUp = ids.length;
    t = applyRegistry(t, r.done ? r.value : timedOut(r.reason, registry.source));
  }

  let explanation: Explanation | undefined;
  let explainFailure: string | undefined;
  let explainMs: number | undefined;
  if (services.explainer && options.explain) {
    const explainer = services.explainer;
    // A question with no evidence is answered from the knowledge base alone, not from an empty triage.
    const ask =
      options.explain.mode === 'answer'
        ? explainer.answer(redact(options.explain.question).text, hasEvidence(t) ? t : undefined, options.lang)
        : explainer.explain(t, options.lang);
    const r = await withinBudget(ask, botOptions.explainBudgetMs ?? DEFAULT_EXPLAIN_BUDGET_MS);
    explainMs = r.ms;
    if (!r.done) explainFailure = r.reason;
    else if (r.value.ok) explanation = r.value.explanation;
    else explainFailure = r.value.reason;
  }

  return { triage: t, explanation, explainFailure, lookedUp, timings: { triageMs, lookupMs, explainMs, totalMs: Date.now() - started } };
}

/** True when the paste gave the engine something to judge (not just prose). */
export function hasEvidence(t: Triage): boolean {
  const r = t.recognised;
  return t.findings.length > 0 || t.devices.length > 0 || r.records > 0 || r.sasTokens.length > 0 || r.connectionStrings.length > 0 || r.deviceIds.length > 0;
}
