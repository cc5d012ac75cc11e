// Synthetic Connections-log events rendered in every input shape the engine reads, so one event set
// can be checked across shapes. Realistic field names per the resource-log and AzureDiagnostics schemas.

export interface SynthEvent {
  at: Date;
  deviceId: string;
  op: 'deviceConnect' | 'deviceDisconnect';
  code?: string;
  desc?: string;
  message?: string;
}

const HUB = 'CONTOSO-IOT-PROD';
const RESOURCE = `/SUBSCRIPTIONS/1F2E3D4C-0000-4000-8000-00000000CAFE/RESOURCEGROUPS/RG-IOT/PROVIDERS/MICROSOFT.DEVICES/IOTHUBS/${HUB}`;

export function churn(deviceId: string, start: Date, episodes: number, everyMin = 65, reconnectSec = 20): SynthEvent[] {
  const out: SynthEvent[] = [];
  for (let i = 0; i < episodes; i++) {
    const t = start.getTime() + i * everyMin * 60_000;
    out.push({ at: new Date(t), deviceId, op: 'deviceDisconnect', code: '401003', desc: 'IoTHubUnauthorized' });
    out.push({ at: new Date(t + 400), deviceId, op: 'deviceDisconnect', code: '404104', desc: 'DeviceConnectionClosedRemotely' });
    if (reconnectSec >= 0) out.push({ at: new Date(t + reconnectSec * 1000), deviceId, op: 'deviceConnect' });
  }
  return out;
}

export function lockedOut(deviceId: string, start: Date, attempts: number, everySec = 90, message?: string): SynthEvent[] {
  const out: SynthEvent[] = [];
  for (let i = 0; i < attempts; i++) {
    out.push({ at: new Date(start.getTime() + i * everySec * 1000), deviceId, op: 'deviceConnect', code: '401003', desc: message ?? 'IoTHubUnauthorized', message });
  }
  return out;
}

export function connect(deviceId: string, at: Date): SynthEvent {
  return { at, deviceId, op: 'deviceConnect' };
}

function props(e: SynthEvent): Record<string, unknown> {
  return {
    deviceId: e.deviceId,
    protocol: 'Mqtt',
    authType: e.op === 'deviceConnect' ? '{"scope":"device","type":"sas","issuer":"iothub","acceptingIpFilterRule":null}' : null,
    maskedIpAddress: '203.0.113.XXX',
    statusCode: e.code ? e.code.slice(0, 3) : null,
    errorMessage: e.message,
    ...(e.op === 'deviceConnect' && !e.code ? { sdkVersion: 'azure-iot-device/1.18.2 (node v20.11.0; Ubuntu 22.04; x64)' } : {}),
  };
}

export function resourceRecord(e: SynthEvent, propsAsString = true): Record<string, unknown> {
  const p = props(e);
  return {
    time: e.at.toISOString(),
    resourceId: RESOURCE,
    operationName: e.op,
    category: 'Connections',
    level: e.code ? 'Error' : 'Information',
    resultType: e.code ?? '',
    resultDescription: e.desc ?? '',
    properties: propsAsString ? JSON.stringify(p) : p,
    location: 'westeurope',
  };
}

function sorted(evs: SynthEvent[]): SynthEvent[] {
  return [...evs].sort((a, b) => a.at.getTime() - b.at.getTime());
}

function usTime(d: Date): string {
  const h = d.getUTCHours();
  const h12 = h % 12 === 0 ? 12 : h % 12;
  const p2 = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()}, ${h12}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}.${String(d.getUTCMilliseconds()).padStart(3, '0')} ${h < 12 ? 'AM' : 'PM'}`;
}

function csvField(v: string): string {
  return /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export const render = {
  jsonLines: (evs: SynthEvent[]) => sorted(evs).map((e) => JSON.stringify(resourceRecord(e))).join('\n'),
  jsonArray: (evs: SynthEvent[]) => JSON.stringify(sorted(evs).map((e) => resourceRecord(e, false)), null, 2),
  records: (evs: SynthEvent[]) => JSON.stringify({ records: sorted(evs).map((e) => resourceRecord(e)) }, null, 1),
  singleLineJson: (evs: SynthEvent[]) => sorted(evs).map((e) => JSON.stringify(resourceRecord(e))).join(' '),
  csv: (evs: SynthEvent[], us = false) => {
    const header = 'TimeGenerated [UTC],OperationName,Level,ResultType,ResultDescription,Category,properties_s,_ResourceId';
    const rows = sorted(evs).map((e) =>
      [us ? usTime(e.at) : e.at.toISOString(), e.op, e.code ? 'Error' : 'Information', e.code ?? '', e.desc ?? '', 'Connections', JSON.stringify(props(e)), RESOURCE].map(csvField).join(','),
    );
    return [header, ...rows].join('\n');
  },
  tsvProjected: (evs: SynthEvent[]) => {
    // A KQL-projected copy from the results grid, columns in another order.
    const header = 'DeviceId\tResultType\tOperationName\tTimeGenerated [UTC]\tResultDescription';
    const rows = sorted(evs).map((e) => [e.deviceId, e.code ?? '', e.op, usTime(e.at), e.desc ?? ''].join('\t'));
    return [header, ...rows].join('\n');
  },
  azMonitorJson: (evs: SynthEvent[]) =>
    JSON.stringify(
      sorted(evs).map((e) => ({
        TimeGenerated: e.at.toISOString(),
        OperationName: e.op,
        Level: e.code ? 'Error' : 'Information',
        ResultType: e.code ?? '',
        ResultDescription: e.desc ?? '',
        Category: 'Connections',
        properties_s: JSON.stringify(props(e)),
        _ResourceId: RESOURCE.toLowerCase(),
        TableName: 'PrimaryResult',
      })),
      null,
      2,
    ),
  errorLines: (evs: SynthEvent[]) =>
    sorted(evs)
      .map((e) => `${e.at.toISOString()} ${e.code ? 'ERROR' : 'INFO '} ${e.op} deviceId=${e.deviceId} ${e.code ? `${e.code} ${e.desc}` : 'connected'}`)
      .join('\n'),
};

export type Shape = keyof typeof render;
export const SHAPES = Object.keys(render) as Shape[];
