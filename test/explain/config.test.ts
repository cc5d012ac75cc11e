import { DEFAULT_API_VERSION, readExplainSettings } from '../../src/explain';

describe('readExplainSettings', () => {
  it('is not configured when nothing is set', () => {
    expect(readExplainSettings({})).toEqual({ status: 'not-configured' });
    expect(readExplainSettings({ AZURE_OPENAI_API_VERSION: '2024-10-21' })).toEqual({ status: 'not-configured' });
  });

  it('reads endpoint, deployment, key and the default api-version', () => {
    expect(
      readExplainSettings({ AZURE_OPENAI_ENDPOINT: 'https://contoso.openai.azure.com/', AZURE_OPENAI_DEPLOYMENT: 'gpt-4o', AZURE_OPENAI_API_KEY: ' k ' }),
    ).toEqual({ status: 'ok', settings: { endpoint: 'https://contoso.openai.azure.com', deployment: 'gpt-4o', apiVersion: DEFAULT_API_VERSION, apiKey: 'k' } });
  });

  it('without a key means Entra ID (no apiKey in the settings)', () => {
    const r = readExplainSettings({ AZURE_OPENAI_ENDPOINT: 'https://contoso.openai.azure.com', AZURE_OPENAI_DEPLOYMENT: 'gpt-4o' });
    expect(r.status).toBe('ok');
    if (r.status === 'ok') expect(r.settings.apiKey).toBeUndefined();
  });

  it.each([
    [{ AZURE_OPENAI_DEPLOYMENT: 'gpt-4o' }, /ENDPOINT is missing/],
    [{ AZURE_OPENAI_ENDPOINT: 'https://contoso.openai.azure.com' }, /DEPLOYMENT is missing/],
    [{ AZURE_OPENAI_API_KEY: 'k' }, /ENDPOINT is missing/],
    [{ AZURE_OPENAI_ENDPOINT: 'not a url', AZURE_OPENAI_DEPLOYMENT: 'd' }, /not a URL/],
    [{ AZURE_OPENAI_ENDPOINT: 'http://contoso.openai.azure.com', AZURE_OPENAI_DEPLOYMENT: 'd' }, /https/],
    [{ AZURE_OPENAI_ENDPOINT: 'https://contoso.openai.azure.com?x=1', AZURE_OPENAI_DEPLOYMENT: 'd' }, /plain base URL/],
    [{ AZURE_OPENAI_ENDPOINT: 'https://contoso.openai.azure.com', AZURE_OPENAI_DEPLOYMENT: '../../admin' }, /deployment name/],
    [{ AZURE_OPENAI_ENDPOINT: 'https://contoso.openai.azure.com', AZURE_OPENAI_DEPLOYMENT: 'd', AZURE_OPENAI_API_VERSION: 'latest' }, /API_VERSION/],
  ])('reports a bad setting %#', (env, problem) => {
    const r = readExplainSettings(env);
    expect(r.status).toBe('invalid');
    if (r.status === 'invalid') expect(r.problems.join(' ')).toMatch(problem);
  });

  it('never quotes the API key in a problem', () => {
    const r = readExplainSettings({ AZURE_OPENAI_ENDPOINT: 'http://remote.example', AZURE_OPENAI_DEPLOYMENT: 'd', AZURE_OPENAI_API_KEY: 'super-secret-key-value' });
    expect(JSON.stringify(r)).not.toContain('super-secret-key-value');
  });

  it('allows plain http only to loopback', () => {
    expect(readExplainSettings({ AZURE_OPENAI_ENDPOINT: 'http://127.0.0.1:8080', AZURE_OPENAI_DEPLOYMENT: 'd', AZURE_OPENAI_API_KEY: 'k' }).status).toBe('ok');
  });
});
