// WATCH_MAX_PER_CONVERSATION and WATCH_MAX_PER_TENANT: defaults, valid values, one clear line per bad value.
import { ConfigError, DEFAULT_WATCH_MAX_PER_CONVERSATION, DEFAULT_WATCH_MAX_PER_TENANT, loadConfig } from '../../src/config';

const base = { BOT_ALLOW_ANONYMOUS: 'true' };

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig({ ...base, ...env });
    return [];
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
}

test('defaults when unset or empty', () => {
  for (const env of [{}, { WATCH_MAX_PER_CONVERSATION: '', WATCH_MAX_PER_TENANT: ' ' }]) {
    expect(loadConfig({ ...base, ...env }).watch).toEqual({ maxPerConversation: DEFAULT_WATCH_MAX_PER_CONVERSATION, maxPerTenant: DEFAULT_WATCH_MAX_PER_TENANT });
  }
});

test('reads whole numbers', () => {
  expect(loadConfig({ ...base, WATCH_MAX_PER_CONVERSATION: '3', WATCH_MAX_PER_TENANT: '200' }).watch).toEqual({ maxPerConversation: 3, maxPerTenant: 200 });
});

test('a bad value is one line naming the setting', () => {
  for (const bad of ['0', '-1', '2.5', 'five', '10001', '1e3']) {
    const p = problems({ WATCH_MAX_PER_CONVERSATION: bad });
    expect(p).toHaveLength(1);
    expect(p[0]).toMatch(/^WATCH_MAX_PER_CONVERSATION must be a whole number from 1 to 10000/);
  }
  expect(problems({ WATCH_MAX_PER_TENANT: 'lots', WATCH_MAX_PER_CONVERSATION: '0' })).toHaveLength(2);
});

test('a tenant limit below the conversation limit is a warning, not an error', () => {
  expect(loadConfig({ ...base, WATCH_MAX_PER_CONVERSATION: '10', WATCH_MAX_PER_TENANT: '2' }).warnings.join('\n')).toMatch(/WATCH_MAX_PER_TENANT is below/);
});
