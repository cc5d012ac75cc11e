// Reads the Azure OpenAI settings from the environment. Explanations are optional: missing settings mean
// "not configured" (no AI anywhere), bad settings are reported so the host can say which value is wrong.

export const DEFAULT_API_VERSION = '2024-10-21';
export const COGNITIVE_SERVICES_SCOPE = 'https://cognitiveservices.azure.com/.default';

export interface ExplainSettings {
  /** e.g. https://my-resource.openai.azure.com (no trailing slash) */
  endpoint: string;
  deployment: string;
  apiVersion: string;
  /** Absent => Microsoft Entra ID (DefaultAzureCredential). */
  apiKey?: string;
}

export type ExplainSettingsResult =
  | { status: 'ok'; settings: ExplainSettings }
  | { status: 'not-configured' }
  | { status: 'invalid'; problems: string[] };

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
// Azure deployment names: letters, digits, '-', '_', '.'; they end up in the URL path.
const DEPLOYMENT = /^[A-Za-z0-9._-]{1,64}$/;
const API_VERSION = /^\d{4}-\d{2}-\d{2}(?:-preview)?$/;

function value(env: Record<string, string | undefined>, name: string): string | undefined {
  const v = env[name]?.trim();
  return v ? v : undefined;
}

/** Problems never quote the API key. */
export function readExplainSettings(env: Record<string, string | undefined>): ExplainSettingsResult {
  const endpointRaw = value(env, 'AZURE_OPENAI_ENDPOINT');
  const deployment = value(env, 'AZURE_OPENAI_DEPLOYMENT');
  const apiKey = value(env, 'AZURE_OPENAI_API_KEY');
  const apiVersion = value(env, 'AZURE_OPENAI_API_VERSION') ?? DEFAULT_API_VERSION;
  if (!endpointRaw && !deployment && !apiKey) return { status: 'not-configured' };

  const problems: string[] = [];
  let endpoint = '';
  if (!endpointRaw) problems.push('AZURE_OPENAI_ENDPOINT is missing (other AZURE_OPENAI_* settings are set).');
  else {
    let url: URL | undefined;
    try {
      url = new URL(endpointRaw);
    } catch {
      problems.push('AZURE_OPENAI_ENDPOINT is not a URL (expected https://<resource>.openai.azure.com).');
    }
    if (url) {
      // The key travels in a header: plain http only to this machine (tests, local proxies).
      const secure = url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname));
      if (!secure) problems.push('AZURE_OPENAI_ENDPOINT must use https://.');
      else if (url.search || url.hash || url.username || url.password)
        problems.push('AZURE_OPENAI_ENDPOINT must be a plain base URL (no query, fragment or credentials).');
      else endpoint = `${url.origin}${url.pathname}`.replace(/\/+$/, '');
    }
  }
  if (!deployment) problems.push('AZURE_OPENAI_DEPLOYMENT is missing (other AZURE_OPENAI_* settings are set).');
  else if (!DEPLOYMENT.test(deployment))
    problems.push('AZURE_OPENAI_DEPLOYMENT must be a deployment name (letters, digits, "-", "_", ".").');
  if (!API_VERSION.test(apiVersion))
    problems.push(`AZURE_OPENAI_API_VERSION must look like ${DEFAULT_API_VERSION} (optionally with -preview).`);

  if (problems.length > 0 || !deployment) return { status: 'invalid', problems };
  return { status: 'ok', settings: { endpoint, deployment, apiVersion, ...(apiKey ? { apiKey } : {}) } };
}
