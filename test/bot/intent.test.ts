import { parseIntent, looksLikeQuestion } from '../../src/bot/intent';

describe('parseIntent', () => {
  it.each([
    ['', { kind: 'empty' }],
    ['help', { kind: 'help' }],
    ['HELP', { kind: 'help' }],
    ['hulp', { kind: 'help' }],
    ['examples', { kind: 'examples' }],
    ['voorbeelden', { kind: 'examples' }],
    ['lookup thermostat-042', { kind: 'lookup', deviceId: 'thermostat-042' }],
    ['look up thermostat-042', { kind: 'lookup', deviceId: 'thermostat-042' }],
    ['lookup', { kind: 'lookup' }],
    ['lookup two words', { kind: 'lookup', invalidId: true }],
    ['lookup pump-0043 in contoso-test', { kind: 'lookup', deviceId: 'pump-0043', hub: 'contoso-test' }],
    ['look up pump-0043 in Contoso-Test.azure-devices.net', { kind: 'lookup', deviceId: 'pump-0043', hub: 'contoso-test' }],
    ['opzoeken pump-0043', { kind: 'lookup', deviceId: 'pump-0043' }],
    ['opzoeken pump-0043 in contoso-test', { kind: 'lookup', deviceId: 'pump-0043', hub: 'contoso-test' }],
    ['zoek pump-0043 op in contoso-test', { kind: 'lookup', deviceId: 'pump-0043', hub: 'contoso-test' }],
    ['zoek op pump-0043 in contoso-test', { kind: 'lookup', deviceId: 'pump-0043', hub: 'contoso-test' }],
    ['lookup pump-0043 in', { kind: 'lookup', invalidId: true }],
    ['lookup pump-0043 in contoso_test!', { kind: 'lookup', deviceId: 'pump-0043', invalidHub: true }],
    ['kql', { kind: 'kql' }],
    ['kql camera-7', { kind: 'kql', deviceId: 'camera-7' }],
    ['hub contoso-hub 6h', { kind: 'hub', args: 'contoso-hub 6h' }],
    ['hub', { kind: 'hub', args: '' }],
  ])('%j -> %j', (text, intent) => {
    expect(parseIntent(text)).toEqual(intent);
  });

  it('treats a multi-line message that starts with a command word as a paste', () => {
    expect(parseIntent('help\n2026-03-02T07:00:03Z 401003 IoTHubUnauthorized').kind).toBe('paste');
  });

  it('treats log lines as a paste and a short question as a question', () => {
    expect(parseIntent('2026-03-02T07:00:03Z deviceDisconnect 401003 IoTHubUnauthorized').kind).toBe('paste');
    expect(parseIntent('why do we get 401003 every hour?')).toEqual({ kind: 'question', text: 'why do we get 401003 every hour?' });
    expect(parseIntent('Waarom krijgen we elk uur 401003')).toEqual({ kind: 'question', text: 'Waarom krijgen we elk uur 401003' });
  });

  it('never calls a long paste a question even when it ends with "?"', () => {
    expect(looksLikeQuestion(`${'2026-03-02T07:00:03Z 401003 IoTHubUnauthorized\n'.repeat(10)}why?`)).toBe(false);
  });
});
