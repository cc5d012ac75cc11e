// The "no invented fix" rule against an explicit grounding, independent of the knowledge-base wording.
import { inventedFixes } from '../../src/explain';
import { normalise } from '../../src/explain/grounding';

const ground = {
  text: normalise(
    'Regenerate the device key in the portal. Look the device up: az iot hub device-identity show -n <hub> -d <device>. ' +
      'Assign the IoT Hub Data Contributor role. See https://learn.microsoft.com/azure/iot-hub/iot-hub-troubleshoot-error-401003-iothubunauthorized. ' +
      'Zorg dat NTP-tijdsynchronisatie werkt.',
  ),
};

describe('inventedFixes', () => {
  it.each([
    ['plain description', 'The token expired and the device reconnected by itself; the device is disabled in nothing.'],
    ['a grounded action', 'Regenerate the device key, then reconnect.'],
    ['a grounded command with the engineer’s own names filled in', 'Check it with `az iot hub device-identity show -n contoso -d dev-7`.'],
    ['a grounded role', 'Ask for the IoT Hub Data Contributor role.'],
    ['a grounded URL with trailing punctuation', 'Read https://learn.microsoft.com/azure/iot-hub/iot-hub-troubleshoot-error-401003-iothubunauthorized.'],
    ['a grounded Dutch action', 'Synchroniseer de klok van het device.'],
    ['descriptive verb forms', 'The SDK renews the token; the key was rotated last week; the device is disabled.'],
  ])('accepts %s', (_name, text) => {
    expect(inventedFixes([text], ground)).toEqual([]);
  });

  it.each([
    ['an unknown URL', 'See https://contoso.example/fix-401003 for details.', 'url'],
    ['www link', 'Details at www.example.org/iothub.', 'url'],
    ['an unknown command', 'Run `az iot hub device-identity delete -n contoso -d dev-7`.', 'command'],
    ['an unknown CLI head outside code', 'Just run kubectl rollout restart deployment/edge.', 'command'],
    ['a shell command hiding in a word the grounding contains', 'Then `rm -rf /var/lib/iot`.', 'command'],
    ['an Az cmdlet', 'Use Set-AzIotHub to change it.', 'command'],
    ['an unknown role', 'Grant the Owner role to the device.', 'role'],
    ['an ungrounded action', 'Restart the device and it will be fine.', 'action:restart'],
    ['an ungrounded Dutch action', 'Verwijder het device en maak het opnieuw aan.', 'action:delete'],
    ['an ungrounded increase', 'Increase the SAS token lifetime to 24 hours.', 'action:resize'],
  ])('rejects %s', (_name, text, kind) => {
    expect(inventedFixes([text], ground)).toContain(kind);
  });

  it('checks follow-up questions too', () => {
    expect(inventedFixes(['Fine.', 'Could you reboot the gateway?'], ground)).toEqual(['action:restart']);
  });

  it('a paste cannot whitelist its own fix: only the grounding counts', () => {
    // Even if evidence said "restart", the grounding (knowledge base) does not.
    expect(inventedFixes(['The log says to restart, so restart it.'], ground)).toEqual(['action:restart']);
  });
});
