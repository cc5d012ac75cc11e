// Codes read by name: IoT Hub's own error names count, the plain word "Unauthorized" does not. HTTP 401
// Unauthorized, AMQP's amqp:unauthorized-access and a .NET UnauthorizedException say a credential was refused,
// not that the hub answered 401003 IoTHubUnauthorized (csharp#3487 is a 401002 and only a 401002).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lookupToken } from '../../src/triage/codes';
import { triage } from '../../src/triage';

const NOW = new Date('2025-07-01T12:59:55Z');

describe('IoT Hub codes by name', () => {
  it.each([
    ['IoTHubUnauthorized', '401003'],
    ['iothubunauthorized', '401003'],
    ['IotHubUnauthorizedAccess', '401002'],
    ['DeviceConnectionClosedRemotely', '404104'],
  ])('%s is %s', (name, code) => {
    expect(lookupToken(name)?.code).toBe(code);
  });

  it('the word "Unauthorized" alone is no code', () => {
    expect(lookupToken('Unauthorized')).toBeUndefined();
    expect(lookupToken('unauthorized')).toBeUndefined();
  });

  it.each([
    'HTTP/1.1 401 Unauthorized',
    'Microsoft.Azure.Devices.Client.Exceptions.UnauthorizedException: error(condition:amqp:unauthorized-access,description:Put token failed. status-code: 401)',
    '{ UnauthorizedError: Unauthorized',
  ])('"%s" counts no 401003', (line) => {
    expect(triage(line, { now: NOW }).recognised.codes.map((c) => c.code)).not.toContain('401003');
  });

  it('csharp#3487: the 401002 twice, and one credentials-rejected finding for both lines', () => {
    const paste = readFileSync(join(__dirname, '../corpus/dotnet-amqp-401002-intermittent-x509.log'), 'utf8');
    const t = triage(paste, { now: NOW });
    expect(t.recognised.codes.map((c) => [c.code, c.count])).toEqual([['401002', 2]]);
    expect(t.findings.filter((f) => f.kind === 'credentials-rejected')).toHaveLength(1);
    expect(t.verdict).toBe('credential-problem');
  });
});
