// A loopback HTTP server that speaks enough of the Azure OpenAI chat completions API for the real
// openai client: it records every request and answers from a script.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export type Reply =
  | { status: number; headers?: Record<string, string>; body?: unknown }
  /** Never answer (the client must time out). */
  | { hang: true };

export interface FakeAzureOpenAI {
  endpoint: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

export async function startFakeAzureOpenAI(script: (req: RecordedRequest, index: number) => Reply): Promise<FakeAzureOpenAI> {
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const recorded: RecordedRequest = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      requests.push(recorded);
      const reply = script(recorded, requests.length - 1);
      if ('hang' in reply) return;
      res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
      res.end(reply.body === undefined ? '' : JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** An Azure chat completion whose message content is `content` (JSON-encoded when not a string). */
export function completion(
  content: unknown,
  opts: { finishReason?: string; refusal?: string | null; filtered?: boolean; promptFiltered?: boolean } = {},
): Reply {
  const filter = (filtered: boolean) => ({
    hate: { filtered, severity: filtered ? 'high' : 'safe' },
    self_harm: { filtered: false, severity: 'safe' },
    sexual: { filtered: false, severity: 'safe' },
    violence: { filtered: false, severity: 'safe' },
  });
  return {
    status: 200,
    body: {
      id: 'chatcmpl-test',
      object: 'chat.completion',
      created: 1714550000,
      model: 'gpt-4o-2024-08-06',
      prompt_filter_results: [{ prompt_index: 0, content_filter_results: filter(opts.promptFiltered ?? false) }],
      choices: [
        {
          index: 0,
          finish_reason: opts.finishReason ?? 'stop',
          logprobs: null,
          message: { role: 'assistant', content: typeof content === 'string' ? content : JSON.stringify(content), refusal: opts.refusal ?? null },
          content_filter_results: filter(opts.filtered ?? false),
        },
      ],
      usage: { prompt_tokens: 900, completion_tokens: 120, total_tokens: 1020 },
    },
  };
}

/** Azure's answer when the prompt itself trips the content filter. */
export const PROMPT_FILTERED: Reply = {
  status: 400,
  body: {
    error: {
      message: "The response was filtered due to the prompt triggering Azure OpenAI's content management policy.",
      type: null,
      param: 'prompt',
      code: 'content_filter',
      status: 400,
      innererror: { code: 'ResponsibleAIPolicyViolation', content_filter_result: { jailbreak: { filtered: true, detected: true } } },
    },
  },
};

export const SERVER_ERROR: Reply = { status: 500, body: { error: { code: 'InternalServerError', message: 'Backend returned unexpected response.' } } };

export function throttled(retryAfterSeconds: number): Reply {
  return {
    status: 429,
    headers: { 'retry-after': String(retryAfterSeconds), 'retry-after-ms': String(retryAfterSeconds * 1000) },
    body: { error: { code: '429', message: 'Requests to the ChatCompletions_Create Operation have exceeded call rate limit.' } },
  };
}
