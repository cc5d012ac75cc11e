import { classify, hubErrorCode, parseRetryAfter } from '../../src/registry/registryErrors';

const NOW = Date.parse('2025-06-02T09:30:00Z');
const httpError = (statusCode: number, body: string, headers: Record<string, string> = {}) =>
  Object.assign(new Error('x'), { response: { statusCode, headers }, responseBody: body });

describe('parseRetryAfter', () => {
  it.each([
    ['3', 3000],
    ['0.5', 500],
    ['Mon, 02 Jun 2025 09:30:07 GMT', 7000],
    ['Mon, 02 Jun 2025 09:29:00 GMT', 0],
  ])('%s -> %d ms', (value, ms) => expect(parseRetryAfter(value, NOW)).toBe(ms));
  it.each([undefined, '', 'soon'])('%p -> undefined', (value) => expect(parseRetryAfter(value, NOW)).toBeUndefined());
});

describe('hubErrorCode', () => {
  it('takes only the code name from the hub error body', () => {
    expect(hubErrorCode('{"Message":"ErrorCode:DeviceNotFound;Device x not registered"}')).toBe('DeviceNotFound');
    expect(hubErrorCode('{"Message":"{\\"errorCode\\":404001,\\"Message\\":\\"ErrorCode:DeviceNotFound;x\\"}"}')).toBe('DeviceNotFound');
    expect(hubErrorCode('oops')).toBeUndefined();
    expect(hubErrorCode(undefined)).toBeUndefined();
  });
});

describe('classify', () => {
  it('maps statuses and socket errors to the port vocabulary', () => {
    expect(classify(httpError(404, '{"Message":"ErrorCode:DeviceNotFound;x"}'), 'h', NOW)).toEqual({ kind: 'not-found' });
    expect(classify(httpError(404, '{"Message":"ErrorCode:IotHubNotFound;x"}'), 'h', NOW)).toMatchObject({ kind: 'fail', reason: 'unreachable' });
    expect(classify(httpError(403, ''), 'h', NOW)).toMatchObject({ kind: 'fail', reason: 'unauthorized' });
    expect(classify(httpError(429, '', { 'retry-after': '4' }), 'h', NOW)).toMatchObject({ kind: 'retry', reason: 'throttled', retryAfterMs: 4000 });
    expect(classify(httpError(504, ''), 'h', NOW)).toMatchObject({ kind: 'retry', reason: 'error' });
    expect(classify(httpError(400, ''), 'h', NOW)).toMatchObject({ kind: 'fail', reason: 'error' });
    expect(classify(Object.assign(new Error('reset'), { code: 'ECONNRESET' }), 'h', NOW)).toMatchObject({ kind: 'retry', reason: 'unreachable' });
    expect(classify(Object.assign(new Error('dns'), { code: 'EAI_AGAIN' }), 'h', NOW)).toMatchObject({ kind: 'fail', reason: 'unreachable' });
    expect(classify('weird', 'h', NOW)).toMatchObject({ kind: 'fail', reason: 'error', message: expect.stringContaining('unexpected error') });
  });

  it('never echoes the error text it was given', () => {
    const leaky = Object.assign(new Error('SharedAccessKey=abc123'), { name: 'Weird name with SharedAccessKey=abc123' });
    expect(JSON.stringify(classify(leaky, 'h', NOW))).not.toContain('abc123');
    expect(JSON.stringify(classify(httpError(418, 'SharedAccessKey=abc123'), 'h', NOW))).not.toContain('abc123');
  });
});
