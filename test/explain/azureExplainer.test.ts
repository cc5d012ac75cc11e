// The real openai client (AzureOpenAI) against a loopback server speaking the Azure chat completions API.
import { createExplainer, createExplainerFromEnv, pasteHint, UNTRUSTED_BEGIN, UNTRUSTED_END, type ExplainEvent } from '../../src/explain';
import { MAX_IN_FLIGHT } from '../../src/explain/limits';
import { containsSecret } from '../../src/triage/redact';
import type { Triage } from '../../src/triage/types';
import { goodAnswer } from './answers';
import { completion, PROMPT_FILTERED, SERVER_ERROR, startFakeAzureOpenAI, throttled, type FakeAzureOpenAI, type Reply } from './fakeAzureOpenAI';
import { deepFreeze, fixtures, PLANTED_KEY, PLANTED_SIG, RAW_ONLY_LINES } from './triages';

const KEY = 'test-api-key-0123456789';
const DEPLOYMENT = 'gpt-4o-triage';

let server: FakeAzureOpenAI | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(script: (index: number) => Reply): Promise<FakeAzureOpenAI> {
  server = await startFakeAzureOpenAI((_req, i) => script(i));
  return server;
}

function explainerFor(s: FakeAzureOpenAI, opts: { timeoutMs?: number; maxRetries?: number; observe?: (e: ExplainEvent) => void } = {}) {
  return createExplainerFromEnv(
    { AZURE_OPENAI_ENDPOINT: s.endpoint, AZURE_OPENAI_DEPLOYMENT: DEPLOYMENT, AZURE_OPENAI_API_KEY: KEY },
    { timeoutMs: 2000, maxRetries: 1, ...opts },
  )!;
}

function frozen(t: Triage): { triage: Triage; before: string } {
  return { before: JSON.stringify(t), triage: deepFreeze(structuredClone(t)) };
}

describe('request on the wire', () => {
  it('posts to /openai/deployments/{deployment}/chat/completions with the api-version and the api-key header', async () => {
    const t = fixtures().churn;
    const s = await serve(() => completion(goodAnswer(t, 'en')));
    const outcome = await explainerFor(s).explain(t, 'en');
    expect(outcome.ok).toBe(true);
    expect(s.requests).toHaveLength(1);
    const [req] = s.requests;
    expect(req!.method).toBe('POST');
    const url = new URL(req!.url, s.endpoint);
    expect(url.pathname).toBe(`/openai/deployments/${DEPLOYMENT}/chat/completions`);
    expect(url.searchParams.get('api-version')).toBe('2024-10-21');
    expect(req!.headers['api-key']).toBe(KEY);
    expect(req!.headers.authorization).toBeUndefined();
  });

  it('uses AZURE_OPENAI_API_VERSION when set', async () => {
    const t = fixtures().churn;
    const s = await serve(() => completion(goodAnswer(t, 'en')));
    const explainer = createExplainerFromEnv({
      AZURE_OPENAI_ENDPOINT: `${s.endpoint}/`,
      AZURE_OPENAI_DEPLOYMENT: DEPLOYMENT,
      AZURE_OPENAI_API_KEY: KEY,
      AZURE_OPENAI_API_VERSION: '2025-01-01-preview',
    })!;
    await explainer.explain(t, 'en');
    expect(new URL(s.requests[0]!.url, s.endpoint).searchParams.get('api-version')).toBe('2025-01-01-preview');
    expect(new URL(s.requests[0]!.url, s.endpoint).pathname).toBe(`/openai/deployments/${DEPLOYMENT}/chat/completions`);
  });

  it('with Entra ID sends the token provider bearer token and no api-key', async () => {
    const t = fixtures().churn;
    const s = await serve(() => completion(goodAnswer(t, 'en')));
    let calls = 0;
    const explainer = createExplainer({
      endpoint: s.endpoint,
      deployment: DEPLOYMENT,
      credential: { tokenProvider: async () => `entra-token-${++calls}` },
      timeoutMs: 2000,
    });
    expect((await explainer.explain(t, 'en')).ok).toBe(true);
    expect(s.requests[0]!.headers.authorization).toBe('Bearer entra-token-1');
    expect(s.requests[0]!.headers['api-key']).toBeUndefined();
  });

  it('a failing Entra token provider degrades to an error outcome', async () => {
    const s = await serve(() => completion(goodAnswer(fixtures().churn, 'en')));
    const explainer = createExplainer({
      endpoint: s.endpoint,
      deployment: DEPLOYMENT,
      credential: {
        tokenProvider: async () => {
          throw new Error('CredentialUnavailableError: no managed identity');
        },
      },
      timeoutMs: 2000,
    });
    const outcome = await explainer.explain(fixtures().churn, 'en');
    expect(outcome).toMatchObject({ ok: false, reason: 'error' });
    expect(s.requests).toHaveLength(0);
  });

  it('asks for strict structured output with every field required', async () => {
    const t = fixtures().mixed;
    const s = await serve(() => completion(goodAnswer(t, 'en')));
    await explainerFor(s).explain(t, 'en');
    const body = JSON.parse(s.requests[0]!.body) as { response_format: { type: string; json_schema: { strict: boolean; schema: { required: string[]; additionalProperties: boolean; properties: Record<string, unknown> } } }; messages: { role: string }[]; tools?: unknown };
    expect(body.response_format.type).toBe('json_schema');
    expect(body.response_format.json_schema.strict).toBe(true);
    const schema = body.response_format.json_schema.schema;
    expect(schema.additionalProperties).toBe(false);
    expect([...schema.required].sort()).toEqual(Object.keys(schema.properties).sort());
    expect(JSON.stringify(schema)).not.toMatch(/minLength|maxLength/);
    expect(body.tools).toBeUndefined(); // the model has no tools
    expect(body.messages.map((m) => m.role)).toEqual(['system', 'user']);
  });

  it('sends no secret and no raw paste, even when a secret leaked into the triage', async () => {
    const t = fixtures().credentialWithLeakedSecrets;
    const s = await serve(() => completion(goodAnswer(t, 'en')));
    // The raw paste had more lines than the evidence; the explainer never gets it, only the Triage.
    await explainerFor(s).explain(t, 'en');
    const wire = s.requests[0]!.body;
    expect(wire).not.toContain(PLANTED_KEY);
    expect(wire).not.toContain(PLANTED_SIG);
    expect(containsSecret(JSON.parse(wire).messages.map((m: { content: string }) => m.content).join('\n'))).toBe(false);
    for (const line of RAW_ONLY_LINES) expect(wire).not.toContain(line);
    expect(wire).toContain('dev-cred-02'); // the redacted evidence itself is there
    expect(wire).toContain(UNTRUSTED_BEGIN);
    expect(wire).toContain(UNTRUSTED_END);
  });

  it('redacts a secret pasted into a free-form question before it is sent', async () => {
    const s = await serve(() => completion(goodAnswer(undefined, 'en')));
    await explainerFor(s).answer(`why 401003 with SharedAccessKey=${PLANTED_KEY} ?`, undefined, 'en');
    expect(s.requests[0]!.body).not.toContain(PLANTED_KEY);
    expect(s.requests[0]!.body).toContain('why 401003 with SharedAccessKey=[REDACTED]');
  });
});

describe('answers', () => {
  it('shows a good answer, in the requested language, and leaves the triage alone', async () => {
    const { triage, before } = frozen(fixtures().churn);
    const s = await serve(() => completion(goodAnswer(triage, 'nl')));
    const outcome = await explainerFor(s).explain(triage, 'nl');
    expect(outcome).toEqual({
      ok: true,
      explanation: { verdict: triage.verdict, text: goodAnswer(triage, 'nl').explanation, followUpQuestions: goodAnswer(triage, 'nl').followUpQuestions, lang: 'nl' },
    });
    expect(JSON.stringify(triage)).toBe(before);
  });

  it('drops an answer whose echoed verdict differs', async () => {
    const { triage, before } = frozen(fixtures().churn);
    const s = await serve(() => completion(goodAnswer(triage, 'en', { verdict: 'credential-problem' })));
    const events: ExplainEvent[] = [];
    const outcome = await explainerFor(s, { observe: (e) => events.push(e) }).explain(triage, 'en');
    expect(outcome).toMatchObject({ ok: false, reason: 'rejected' });
    expect(events[0]).toMatchObject({ op: 'explain', ok: false, reason: 'rejected' });
    expect(events[0]!.detail).toMatch(/verdict-mismatch/);
    expect(JSON.stringify(triage)).toBe(before);
  });

  it('drops an answer that invents a fix', async () => {
    const t = fixtures().churn;
    const s = await serve(() =>
      completion(goodAnswer(t, 'en', { explanation: 'Run `az iot hub device-identity delete -n contoso-hub -d dev-churn-01` and see https://evil.example/fix.' })),
    );
    expect(await explainerFor(s).explain(t, 'en')).toMatchObject({ ok: false, reason: 'rejected' });
  });

  it('drops a non-JSON answer', async () => {
    const t = fixtures().churn;
    const s = await serve(() => completion('Sure! The verdict is benign.'));
    expect(await explainerFor(s).explain(t, 'en')).toMatchObject({ ok: false, reason: 'rejected' });
  });

  it('drops a truncated answer (finish_reason length)', async () => {
    const t = fixtures().churn;
    const s = await serve(() => completion('{"verdict":"token-expiry-ch', { finishReason: 'length' }));
    expect(await explainerFor(s).explain(t, 'en')).toMatchObject({ ok: false, reason: 'rejected' });
  });

  it('answers a free-form question without evidence and says what to paste', async () => {
    const s = await serve(() => completion(goodAnswer(undefined, 'nl')));
    const outcome = await explainerFor(s).answer('waarom krijgen we 401003?', undefined, 'nl');
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.explanation.verdict).toBe('inconclusive');
    expect(outcome.explanation.text.startsWith(goodAnswer(undefined, 'nl').explanation)).toBe(true);
    expect(outcome.explanation.text.endsWith(pasteHint('nl'))).toBe(true);
    const user = JSON.parse(s.requests[0]!.body).messages[1].content as string;
    expect(user).toContain(`${UNTRUSTED_BEGIN}\nwaarom krijgen we 401003?\n${UNTRUSTED_END}`);
  });

  it('answers a question about a triage with that triage as context and its verdict echoed', async () => {
    const t = fixtures().mixed;
    const s = await serve(() => completion(goodAnswer(t, 'en')));
    const outcome = await explainerFor(s).answer('why does this happen every hour?', t, 'en');
    expect(outcome).toMatchObject({ ok: true, explanation: { verdict: 'mixed' } });
    if (outcome.ok) expect(outcome.explanation.text).not.toContain(pasteHint('en'));
    expect(s.requests[0]!.body).toContain('dev-off-03');
  });

  it('an empty question without evidence gets the paste hint and no call', async () => {
    const s = await serve(() => completion(goodAnswer(undefined, 'en')));
    const outcome = await explainerFor(s).answer('   ', undefined, 'en');
    expect(outcome).toEqual({ ok: false, reason: 'rejected', message: pasteHint('en') });
    expect(s.requests).toHaveLength(0);
  });
});

describe('faults degrade within the budget (each test times out if the call does not end)', () => {
  it('429 then success: retried once, answer shown', async () => {
    const t = fixtures().churn;
    const s = await serve((i) => (i === 0 ? throttled(0.05) : completion(goodAnswer(t, 'en'))));
    const outcome = await explainerFor(s).explain(t, 'en');
    expect(outcome.ok).toBe(true);
    expect(s.requests).toHaveLength(2);
  }, 5000);

  it('429 with a Retry-After longer than the budget: throttled at once, no second request', async () => {
    const { triage, before } = frozen(fixtures().churn);
    const s = await serve(() => throttled(60));
    const outcome = await explainerFor(s, { timeoutMs: 3000 }).explain(triage, 'en');
    expect(outcome).toMatchObject({ ok: false, reason: 'throttled' });
    expect(s.requests).toHaveLength(1);
    expect(JSON.stringify(triage)).toBe(before);
  }, 2500);

  it('persistent 500: retried maxRetries times, then error', async () => {
    const { triage, before } = frozen(fixtures().credentialWithLeakedSecrets);
    const s = await serve(() => SERVER_ERROR);
    const outcome = await explainerFor(s, { maxRetries: 1, timeoutMs: 4000 }).explain(triage, 'en');
    expect(outcome).toMatchObject({ ok: false, reason: 'error' });
    expect(s.requests).toHaveLength(2);
    expect(JSON.stringify(triage)).toBe(before);
  }, 6000);

  it('a server that never answers: timeout', async () => {
    const { triage, before } = frozen(fixtures().mixed);
    const s = await serve(() => ({ hang: true }));
    const outcome = await explainerFor(s, { timeoutMs: 300, maxRetries: 2 }).explain(triage, 'en');
    expect(outcome).toMatchObject({ ok: false, reason: 'timeout' });
    if (!outcome.ok) expect(outcome.message).toMatch(/too long/);
    expect(JSON.stringify(triage)).toBe(before);
  }, 3000);

  it('prompt rejected by the content filter (400 content_filter): content-filter', async () => {
    const { triage, before } = frozen(fixtures().promptInjection);
    const s = await serve(() => PROMPT_FILTERED);
    const outcome = await explainerFor(s).explain(triage, 'nl');
    expect(outcome).toMatchObject({ ok: false, reason: 'content-filter' });
    if (!outcome.ok) expect(outcome.message).toMatch(/inhoudsfilter/);
    expect(s.requests).toHaveLength(1); // a filter verdict is not retried
    expect(JSON.stringify(triage)).toBe(before);
  }, 3000);

  it('completion cut by the content filter (finish_reason content_filter): content-filter', async () => {
    const t = fixtures().churn;
    const s = await serve(() => completion('', { finishReason: 'content_filter', filtered: true }));
    expect(await explainerFor(s).explain(t, 'en')).toMatchObject({ ok: false, reason: 'content-filter' });
  }, 3000);

  it('a structured-output refusal: content-filter', async () => {
    const t = fixtures().churn;
    const s = await serve(() => completion(null, { refusal: "I'm sorry, I can't help with that." }));
    expect(await explainerFor(s).explain(t, 'en')).toMatchObject({ ok: false, reason: 'content-filter' });
  }, 3000);

  it('sheds load beyond the in-flight cap instead of queueing', async () => {
    const s = await serve(() => ({ hang: true }));
    const explainer = explainerFor(s, { timeoutMs: 800, maxRetries: 0 });
    const t = fixtures().churn;
    const first = Array.from({ length: MAX_IN_FLIGHT }, () => explainer.explain(t, 'en'));
    const extra = await explainer.explain(t, 'en');
    expect(extra).toMatchObject({ ok: false, reason: 'throttled' });
    const settled = await Promise.all(first);
    expect(settled.every((o) => !o.ok && o.reason === 'timeout')).toBe(true);
    // capacity is given back: the next call is attempted again
    expect(await explainer.explain(t, 'en')).toMatchObject({ ok: false, reason: 'timeout' });
  }, 5000);

  it('nothing listening: error', async () => {
    const s = await serve(() => SERVER_ERROR);
    const endpoint = s.endpoint;
    await s.close();
    server = undefined;
    const explainer = createExplainerFromEnv({ AZURE_OPENAI_ENDPOINT: endpoint, AZURE_OPENAI_DEPLOYMENT: DEPLOYMENT, AZURE_OPENAI_API_KEY: KEY }, { timeoutMs: 2000, maxRetries: 0 })!;
    expect(await explainer.explain(fixtures().churn, 'en')).toMatchObject({ ok: false, reason: 'error' });
  }, 3000);

  it('never rejects, even for garbage input', async () => {
    const s = await serve(() => completion(goodAnswer(undefined, 'en')));
    const explainer = explainerFor(s);
    await expect(explainer.explain(undefined as unknown as Triage, 'en')).resolves.toMatchObject({ ok: false });
    await expect(explainer.explain({} as Triage, 'en')).resolves.toMatchObject({ ok: false });
    await expect(explainer.answer(42 as unknown as string, undefined, 'xx' as 'en')).resolves.toMatchObject({ ok: false });
  });
});

describe('configuration', () => {
  it('is absent (undefined) when Azure OpenAI is not configured: nothing AI-shaped', () => {
    expect(createExplainerFromEnv({})).toBeUndefined();
    expect(createExplainerFromEnv({ AZURE_OPENAI_ENDPOINT: '  ', AZURE_OPENAI_DEPLOYMENT: '' })).toBeUndefined();
  });

  it('is absent when a setting is invalid (e.g. plain http to a remote host would leak the key)', () => {
    expect(createExplainerFromEnv({ AZURE_OPENAI_ENDPOINT: 'http://example.openai.azure.com', AZURE_OPENAI_DEPLOYMENT: 'd', AZURE_OPENAI_API_KEY: KEY })).toBeUndefined();
  });

  it('without an API key builds an Entra ID explainer (no network until used)', () => {
    expect(createExplainerFromEnv({ AZURE_OPENAI_ENDPOINT: 'https://contoso.openai.azure.com', AZURE_OPENAI_DEPLOYMENT: 'gpt-4o' })).toBeDefined();
  });
});
