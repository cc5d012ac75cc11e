// Pastes the bot tests send (the engine's own tests cover the verdicts in depth).
export const CHURN_LOG = [
  '2026-03-02T07:00:03Z deviceDisconnect device=thermostat-042 401003 IoTHubUnauthorized',
  '2026-03-02T07:00:03Z deviceDisconnect device=thermostat-042 404104 DeviceConnectionClosedRemotely',
  '2026-03-02T07:00:05Z deviceConnect device=thermostat-042 connected',
  '2026-03-02T08:05:03Z deviceDisconnect device=thermostat-042 401003 IoTHubUnauthorized',
  '2026-03-02T08:05:03Z deviceDisconnect device=thermostat-042 404104 DeviceConnectionClosedRemotely',
  '2026-03-02T08:05:06Z deviceConnect device=thermostat-042 connected',
].join('\n');

export const THUMBPRINT_LOG =
  '2026-03-02T09:00:00Z deviceConnect device=camera-7 401003 Thumbprint does not match configuration: Thumbprint: SHA1Hash=9A0B4C7D1E2F3A4B5C6D7E8F9A0B1C2D3E4F5A6B, SHA2Hash=1111111111111111111111111111111111111111111111111111111111111111; Configuration: PrimaryThumbprint=AB0B4C7D1E2F3A4B5C6D7E8F9A0B1C2D3E4F5A6C, SecondaryThumbprint=';

export const DEVICE_KEY = 'q1w2e3r4t5y6u7i8o9p0AaSsDdFfGgHhJjKkLlZzXx0=';
export const CONNECTION_STRING = `HostName=contoso-hub.azure-devices.net;DeviceId=thermostat-042;SharedAccessKey=${DEVICE_KEY}`;

/** The paste as Teams sends it: each line a <div> in the text/html attachment, text with the breaks lost. */
export function asTeamsHtml(text: string, mentionName?: string): { html: string; flat: string } {
  const lines = text.split('\n').map((l) => `<div>${l.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</div>`);
  const mention = mentionName ? `<div><at id="0">${mentionName}</at>&nbsp;</div>` : '';
  return { html: `<div>${mention}${lines.join('')}</div>`, flat: text.replace(/\n/g, ' ') };
}
