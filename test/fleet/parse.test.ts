// `hub <name> [window]`: only a real hub name and a known window get through, with a clear answer otherwise.
import fc from 'fast-check';
import { parseHubCommand } from '../../src/fleet/parse';
import { FLEET_SINCE } from '../../src/triage/fleetKql';

describe('parseHubCommand', () => {
  test('a hub name, optionally with a window in either order; 24h by default', () => {
    expect(parseHubCommand('contoso-iot-prod')).toEqual({ ok: true, hub: 'contoso-iot-prod', since: '24h' });
    expect(parseHubCommand('  Contoso-IoT-Prod   6h ')).toEqual({ ok: true, hub: 'contoso-iot-prod', since: '6h' });
    expect(parseHubCommand('7D contoso-iot-prod')).toEqual({ ok: true, hub: 'contoso-iot-prod', since: '7d' });
    expect(parseHubCommand('contoso-iot-prod.azure-devices.net 1h')).toEqual({ ok: true, hub: 'contoso-iot-prod', since: '1h' });
    expect(parseHubCommand('https://contoso-iot-prod.azure-devices.net/')).toEqual({ ok: true, hub: 'contoso-iot-prod', since: '24h' });
    for (const s of FLEET_SINCE) expect(parseHubCommand(`hub-${s} ${s}`)).toEqual({ ok: true, hub: `hub-${s}`, since: s });
  });

  test('refuses other windows, naming the ones it knows', () => {
    for (const bad of ['2h', '30m', '14d', '1w', '90min']) {
      const r = parseHubCommand(`contoso-iot-prod ${bad}`);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.message).toContain(`"${bad}"`);
        expect(r.message).toContain(FLEET_SINCE.join(', '));
      }
    }
  });

  test('refuses what is not an IoT Hub name, in English or Dutch', () => {
    for (const bad of ['ab', 'h'.repeat(51), 'contoso_iot', 'x";take', 'hub|union', 'ünïcode-hub']) {
      const r = parseHubCommand(bad);
      expect(r).toMatchObject({ ok: false });
      if (!r.ok) expect(r.message).toMatch(/not an IoT Hub name/);
    }
    const nl = parseHubCommand('ab', 'nl');
    expect(!nl.ok && nl.message).toMatch(/geen IoT Hub-naam/);
    expect(parseHubCommand('')).toMatchObject({ ok: false, message: expect.stringMatching(/^Usage: hub/) });
    expect(parseHubCommand('one two')).toMatchObject({ ok: false });
    expect(parseHubCommand('6h 24h hub-a')).toMatchObject({ ok: false });
  });

  test('whatever is typed, an accepted hub is 3–50 of [a-z0-9-] and the window is a known one', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (s) => {
        const r = parseHubCommand(s);
        if (r.ok) {
          expect(r.hub).toMatch(/^[a-z0-9-]{3,50}$/);
          expect(FLEET_SINCE).toContain(r.since);
        } else {
          expect(r.message.length).toBeGreaterThan(0);
          expect(r.message).not.toMatch(/[\u0000-\u001f]/);
        }
      }),
    );
  });
});
