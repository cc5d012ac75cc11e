import { safeErrorSerializer } from '../../src/logger';
import { captureLogs } from './fakes';

describe('logger', () => {
  it('logs errors by type and stack frames, never their message (it may quote the paste or a key)', () => {
    const logs = captureLogs();
    const err = new SyntaxError('Unexpected token in "HostName=x;SharedAccessKey=c2VjcmV0c2VjcmV0c2VjcmV0"');
    logs.logger.error({ event: 'x', err }, 'failed');
    const line = logs.lines()[0];
    expect(line.err).toMatchObject({ type: 'SyntaxError' });
    expect(logs.raw()).not.toContain('c2VjcmV0');
    expect(logs.raw()).not.toContain('Unexpected token');
  });

  it('censors secret-named fields that slip into a log call', () => {
    const logs = captureLogs();
    logs.logger.info({ text: 'pasted text', headers: { authorization: 'Bearer abc.def' }, connectionString: 'HostName=...' }, 'x');
    const raw = logs.raw();
    expect(raw).not.toContain('pasted text');
    expect(raw).not.toContain('Bearer abc.def');
    expect(raw).not.toContain('HostName=');
  });

  it('keeps error codes and status codes', () => {
    const err = Object.assign(new Error('m'), { code: 'ECONNRESET', statusCode: 503 });
    expect(safeErrorSerializer(err)).toMatchObject({ type: 'Error', code: 'ECONNRESET', statusCode: 503 });
    expect(safeErrorSerializer('a string')).toEqual({ type: 'string' });
  });
});
