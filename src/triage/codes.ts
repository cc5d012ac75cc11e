// IoT Hub error codes the engine recognises, by number and by name (troubleshoot-error-codes article).
export interface CodeInfo {
  code: string;
  name: string;
  /** How the code bears on the churn/credential question. */
  role: 'unauthorized' | 'closed-remotely' | 'credential' | 'other';
}

const TABLE: CodeInfo[] = [
  { code: '401003', name: 'IoTHubUnauthorized', role: 'unauthorized' },
  { code: '404104', name: 'DeviceConnectionClosedRemotely', role: 'closed-remotely' },
  { code: '401000', name: 'GenericUnauthorized', role: 'credential' },
  { code: '401001', name: 'IotHubNotFound', role: 'credential' },
  { code: '401002', name: 'IotHubUnauthorizedAccess', role: 'credential' },
  { code: '401004', name: 'ElasticPoolNotFound', role: 'other' },
  { code: '401100', name: 'SystemModuleModifyUnauthorizedAccess', role: 'credential' },
  { code: '400027', name: 'ConnectionForcefullyClosedOnNewConnection', role: 'other' },
  { code: '400029', name: 'FaultInjection', role: 'other' },
  { code: '400030', name: 'FaultInjection', role: 'other' },
  { code: '403002', name: 'IotHubQuotaExceeded', role: 'other' },
  { code: '403004', name: 'DeviceMaximumQueueDepthExceeded', role: 'other' },
  { code: '403006', name: 'DeviceMaximumActiveFileUploadLimitExceeded', role: 'other' },
  { code: '404001', name: 'DeviceNotFound', role: 'other' },
  { code: '404103', name: 'DeviceNotOnline', role: 'other' },
  { code: '409001', name: 'DeviceAlreadyExists', role: 'other' },
  { code: '409002', name: 'LinkCreationConflict', role: 'other' },
  { code: '412002', name: 'DeviceMessageLockLost', role: 'other' },
  { code: '429001', name: 'ThrottlingException', role: 'other' },
  { code: '500001', name: 'ServerError', role: 'other' },
  { code: '500008', name: 'GenericTimeout', role: 'other' },
  { code: '503003', name: 'PartitionNotFound', role: 'other' },
  { code: '504101', name: 'GatewayTimeout', role: 'other' },
];

const BY_CODE = new Map(TABLE.map((c) => [c.code, c]));
const BY_NAME = new Map<string, CodeInfo>();
for (const c of TABLE) if (!BY_NAME.has(c.name.toLowerCase())) BY_NAME.set(c.name.toLowerCase(), c);
// Spellings seen in the wild.
BY_NAME.set('iothubunauthorized', BY_CODE.get('401003')!);
BY_NAME.set('unauthorized', BY_CODE.get('401003')!);

export function codeInfo(code: string): CodeInfo | undefined {
  const known = BY_CODE.get(code);
  if (known) return known;
  // Any 500xxx / 503xxx / 504xxx is a transient server-side error.
  if (/^50[034]\d{3}$/.test(code)) return { code, name: 'ServerError', role: 'other' };
  return undefined;
}

export function codeByName(name: string): CodeInfo | undefined {
  return BY_NAME.get(name.toLowerCase());
}

/** Codes by number or by name anywhere in a line: a linear scan with one alternation. */
export const CODE_TOKEN = new RegExp(
  '\\b(' +
    ['50[034]\\d{3}', ...TABLE.map((c) => c.code), ...new Set(TABLE.map((c) => c.name))].join('|') +
    ')\\b',
  'gi',
);

export function lookupToken(token: string): CodeInfo | undefined {
  return /^\d{6}$/.test(token) ? codeInfo(token) : codeByName(token);
}
