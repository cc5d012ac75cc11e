// The Azure OpenAI explainer: one chat completion per request, structured output, checked in code.
// Rules decide, the model only explains. Every path resolves to an ExplainOutcome within the time
// budget; nothing here can change or delay the deterministic triage.
import { DefaultAzureCredential, getBearerTokenProvider } from '@azure/identity';
import { AzureOpenAI } from 'openai';
import type { ChatCompletion } from 'openai/resources/index';
// Type-only: brings Azure's content-filter fields into openai's ChatCompletion types. (The package's
// "./types" export needs moduleResolution node16; this repo uses node, hence the dist path.)
import type { ContentFilterResultsForChoiceOutput, ContentFilterResultsForPromptOutput } from '@azure/openai/dist/commonjs/types/index.js';
import { redact } from '../triage/redact';
import type { Lang, Triage } from '../triage/types';
import { budgetFetch, type CallState } from './budgetFetch';
import { checkAgainstGrounding, isRejection } from './check';
import { COGNITIVE_SERVICES_SCOPE, DEFAULT_API_VERSION, readExplainSettings } from './config';
import { classifyError } from './failures';
import { groundingFor } from './grounding';
import { MAX_COMPLETION_TOKENS, MAX_IN_FLIGHT } from './limits';
import { failureMessage, pasteHint } from './messages';
import { buildPrompt } from './prompt';
import { RESPONSE_SCHEMA, RESPONSE_SCHEMA_NAME } from './schema';
import type { ExplainFailure, ExplainOutcome, Explainer } from './types';

export const DEFAULT_TIMEOUT_MS = 8000;
export const DEFAULT_MAX_RETRIES = 1;

/** What happened to one call, for logs and telemetry; never holds prompt or answer text. */
export interface ExplainEvent {
  op: 'explain' | 'answer';
  ok: boolean;
  reason?: ExplainFailure;
  /** Short code, e.g. "verdict-mismatch: expected x, got y" or "invented-fix: url". */
  detail?: string;
  ms: number;
}

export interface ExplainerOptions {
  /** Total budget for one explain/answer call, retries included. Default 8000 ms. */
  timeoutMs?: number;
  /** Retries after the first attempt (0–2). Default 1. */
  maxRetries?: number;
  fetch?: typeof fetch;
  /** Called once per call with its outcome (for logs/telemetry). Must not throw; errors are ignored. */
  observe?: (event: ExplainEvent) => void;
}

export interface ExplainerConfig extends ExplainerOptions {
  endpoint: string;
  deployment: string;
  apiVersion?: string;
  credential: { apiKey: string } | { tokenProvider: () => Promise<string> };
}

type CallResult = { ok: true; raw: unknown } | { ok: false; reason: ExplainFailure; detail?: string };

function anyFiltered(results: ContentFilterResultsForChoiceOutput | ContentFilterResultsForPromptOutput['content_filter_results'] | undefined): boolean {
  if (!results) return false;
  return Object.values(results).some((r: unknown) => typeof r === 'object' && r !== null && (r as { filtered?: unknown }).filtered === true);
}

/** Turn a completion into parsed JSON, or the reason it cannot be used. */
function readCompletion(res: ChatCompletion): CallResult {
  const promptFiltered = (res.prompt_filter_results ?? []).some((p) => anyFiltered(p.content_filter_results));
  const choice = res.choices?.[0];
  if (!choice) return promptFiltered ? { ok: false, reason: 'content-filter' } : { ok: false, reason: 'error', detail: 'no choices' };
  if (choice.finish_reason === 'content_filter' || anyFiltered(choice.content_filter_results) || promptFiltered)
    return { ok: false, reason: 'content-filter' };
  if (choice.message?.refusal) return { ok: false, reason: 'content-filter', detail: 'refusal' };
  if (choice.finish_reason === 'length') return { ok: false, reason: 'rejected', detail: 'truncated' };
  const content = choice.message?.content;
  if (typeof content !== 'string') return { ok: false, reason: 'rejected', detail: 'malformed' };
  try {
    return { ok: true, raw: JSON.parse(content) as unknown };
  } catch {
    return { ok: false, reason: 'rejected', detail: 'malformed' };
  }
}

function clamp(n: number | undefined, lo: number, hi: number, fallback: number): number {
  return n === undefined || !Number.isFinite(n) ? fallback : Math.min(hi, Math.max(lo, Math.floor(n)));
}

function safeLang(lang: unknown): Lang {
  return lang === 'nl' ? 'nl' : 'en';
}

export function createExplainer(config: ExplainerConfig): Explainer {
  const timeoutMs = clamp(config.timeoutMs, 1, 60_000, DEFAULT_TIMEOUT_MS);
  const maxRetries = clamp(config.maxRetries, 0, 2, DEFAULT_MAX_RETRIES);
  const baseURL = `${config.endpoint.replace(/\/+$/, '')}/openai`;
  const apiVersion = config.apiVersion ?? DEFAULT_API_VERSION;
  const innerFetch = config.fetch ?? globalThis.fetch;
  let inFlight = 0;

  async function complete(prompt: { system: string; user: string }): Promise<CallResult> {
    const deadlineAt = Date.now() + timeoutMs;
    const state: CallState = { throttled: false };
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<'deadline'>((resolve) => {
      timer = setTimeout(() => {
        controller.abort();
        resolve('deadline');
      }, timeoutMs);
    });
    try {
      // A client per call: cheap (no I/O), and its fetch is bound to this call's budget. Everything the
      // client would otherwise read from process.env (base URL, keys, log level) is pinned here.
      const client = new AzureOpenAI({
        baseURL,
        deployment: config.deployment,
        apiVersion,
        ...('apiKey' in config.credential ? { apiKey: config.credential.apiKey } : { apiKey: '', azureADTokenProvider: config.credential.tokenProvider }),
        organization: null,
        project: null,
        adminAPIKey: null,
        webhookSecret: null,
        timeout: timeoutMs,
        maxRetries,
        fetch: budgetFetch(innerFetch, deadlineAt, state),
        logLevel: 'off', // debug logging would print prompts and answers
      });
      const request = client.chat.completions.create(
        {
          model: config.deployment,
          messages: [
            { role: 'system', content: prompt.system },
            { role: 'user', content: prompt.user },
          ],
          response_format: { type: 'json_schema', json_schema: { name: RESPONSE_SCHEMA_NAME, strict: true, schema: RESPONSE_SCHEMA } },
          max_completion_tokens: MAX_COMPLETION_TOKENS,
        },
        { signal: controller.signal },
      );
      const res = await Promise.race([request, deadline]);
      if (res === 'deadline') return { ok: false, reason: state.throttled ? 'throttled' : 'timeout' };
      return readCompletion(res);
    } catch (err) {
      return { ok: false, reason: classifyError(err, state) };
    } finally {
      clearTimeout(timer);
    }
  }

  async function run(op: ExplainEvent['op'], lang: Lang, triage: Triage | undefined, question: string | undefined): Promise<ExplainOutcome> {
    const started = Date.now();
    const finish = (outcome: ExplainOutcome, detail?: string): ExplainOutcome => {
      try {
        config.observe?.({ op, ok: outcome.ok, ...(outcome.ok ? {} : { reason: outcome.reason }), ...(detail ? { detail } : {}), ms: Date.now() - started });
      } catch {
        // an observer must not turn an answer into a failure
      }
      return outcome;
    };
    const fail = (reason: ExplainFailure, detail?: string): ExplainOutcome => finish({ ok: false, reason, message: failureMessage(reason, lang) }, detail);

    // Shed load rather than queue: the card is already complete without us.
    if (inFlight >= MAX_IN_FLIGHT) return fail('throttled', 'too many explanations in flight');
    inFlight++;
    try {
      const prompt = buildPrompt(triage, lang, question);
      const result = await complete(prompt);
      if (!result.ok) return fail(result.reason, result.detail);
      const checked = checkAgainstGrounding(result.raw, groundingFor(triage, lang), lang);
      if (isRejection(checked)) return fail('rejected', checked.rejected);
      // Without evidence, code (not the model) says what to paste to get a verdict.
      const text = op === 'answer' && !triage ? `${checked.text}\n\n${pasteHint(lang)}` : checked.text;
      return finish({ ok: true, explanation: { ...checked, text } });
    } catch {
      return fail('error', 'unexpected');
    } finally {
      inFlight--;
    }
  }

  return {
    explain(triage, lang) {
      const l = safeLang(lang);
      if (!triage || typeof triage !== 'object') return Promise.resolve({ ok: false, reason: 'error', message: failureMessage('error', l) });
      return run('explain', l, triage, undefined);
    },
    answer(question, triage, lang) {
      const l = safeLang(lang);
      const q = typeof question === 'string' ? redact(question).text.trim() : '';
      if (!q) return triage ? run('explain', l, triage, undefined) : Promise.resolve({ ok: false, reason: 'rejected', message: pasteHint(l) });
      return run('answer', l, triage, q);
    },
  };
}

/**
 * The explainer the environment asks for, or undefined when Azure OpenAI is not configured (or its
 * settings are invalid — readExplainSettings says why). No API key means Microsoft Entra ID.
 */
export function createExplainerFromEnv(
  env: Record<string, string | undefined>,
  opts?: { timeoutMs?: number; maxRetries?: number; fetch?: typeof fetch; observe?: ExplainerOptions['observe'] },
): Explainer | undefined {
  const read = readExplainSettings(env);
  if (read.status !== 'ok') return undefined;
  const { endpoint, deployment, apiVersion, apiKey } = read.settings;
  try {
    const credential = apiKey ? { apiKey } : { tokenProvider: getBearerTokenProvider(new DefaultAzureCredential(), COGNITIVE_SERVICES_SCOPE) };
    return createExplainer({ endpoint, deployment, apiVersion, credential, ...opts });
  } catch {
    return undefined;
  }
}

/** For hosts that prefer an object to `undefined`: always answers `not-configured`. */
export const notConfiguredExplainer: Explainer = {
  explain: (_triage, lang) => Promise.resolve({ ok: false, reason: 'not-configured', message: failureMessage('not-configured', safeLang(lang)) }),
  answer: (_question, _triage, lang) => Promise.resolve({ ok: false, reason: 'not-configured', message: failureMessage('not-configured', safeLang(lang)) }),
};
