// Sample pastes for the examples card. Log lines are language-neutral; nothing here is a real or
// real-looking secret (the SAS token's signature is already shown as redacted).
import type { CardStrings } from './strings';

export interface ExamplePaste {
  key: keyof CardStrings['exampleTitles'];
  lines: string[];
}

export const EXAMPLE_PASTES: readonly ExamplePaste[] = [
  {
    key: 'churn',
    lines: [
      '2024-05-01T10:00:03Z deviceConnect deviceId=thermostat-07 401003 IoTHubUnauthorized',
      '2024-05-01T10:00:03Z deviceDisconnect deviceId=thermostat-07 404104 DeviceConnectionClosedRemotely',
      '2024-05-01T10:00:05Z deviceConnect deviceId=thermostat-07 Connected protocol=Mqtt',
      '2024-05-01T11:05:04Z deviceConnect deviceId=thermostat-07 401003 IoTHubUnauthorized',
      '2024-05-01T11:05:04Z deviceDisconnect deviceId=thermostat-07 404104 DeviceConnectionClosedRemotely',
      '2024-05-01T11:05:06Z deviceConnect deviceId=thermostat-07 Connected protocol=Mqtt',
    ],
  },
  {
    key: 'thumbprint',
    lines: [
      '2024-05-01T09:12:44Z deviceConnect deviceId=pump-0042 401003 IoTHubUnauthorized',
      'Thumbprint does not match configuration: Thumbprint: SHA1Hash=1111111111111111111111111111111111111111, SHA2Hash=2222222222222222222222222222222222222222222222222222222222222222; Configuration: PrimaryThumbprint=3333333333333333333333333333333333333333, SecondaryThumbprint=',
    ],
  },
  {
    // With several hubs configured (samples/hubs: pump-0043 lives in contoso-test), this is the wrong-hub case.
    key: 'notRegistered',
    lines: [
      '2024-05-01T08:30:10Z deviceConnect deviceId=pump-0043 401003 IoTHubUnauthorized hub=contoso-prod.azure-devices.net',
      "IotHub 'contoso-prod' does not contain the specified device 'pump-0043'",
    ],
  },
  {
    key: 'expiredSas',
    lines: ['SharedAccessSignature sr=contoso-hub.azure-devices.net%2Fdevices%2Fsensor-19&sig=[REDACTED]&se=1714550400'],
  },
];
