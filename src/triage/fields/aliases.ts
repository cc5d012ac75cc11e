// The one table of field names: every spelling of a field that resource logs, Log Analytics, `az`
// output, Event Grid, pino/Serilog/bunyan lines, logfmt and key=value prose use, mapped to one name.
// JSON keys, CSV/TSV headers and key=value labels are all read through it.

export type FieldName =
  | 'time'
  | 'operation'
  | 'level'
  | 'resultType'
  | 'resultDescription'
  | 'category'
  | 'properties'
  | 'deviceId'
  | 'moduleId'
  | 'resourceId'
  | 'hub'
  | 'hostName'
  | 'protocol'
  | 'sdkVersion'
  | 'statusCode'
  | 'errorCode'
  | 'errorMessage'
  | 'authType'
  | 'eventType'
  | 'subject'
  | 'clientId'
  | 'status'
  | 'reason'
  | 'message';

const SPELLINGS: Record<FieldName, string[]> = {
  time: ['time', 'timegenerated', 'timestamp', 'eventtime', '@t', '@timestamp', 'ts', 'datetime', 'logtime', 'time_generated', 'eventprocessedutctime', 'enqueuedtime'],
  operation: ['operationname', 'operation', 'operation_name', 'eventname'],
  level: ['level', 'severity', 'loglevel', 'log_level', '@l', 'levelname', 'severitylevel'],
  resultType: ['resulttype', 'result_type', 'resultcode'],
  resultDescription: ['resultdescription', 'result_description', 'resultsignature'],
  category: ['category'],
  properties: ['properties', 'properties_s'],
  deviceId: ['deviceid', 'device_id', 'deviceid_s', 'device', 'iothub-connection-device-id', 'connectiondeviceid', 'device-id'],
  moduleId: ['moduleid', 'module_id', 'moduleid_s', 'iothub-connection-module-id', 'connectionmoduleid'],
  resourceId: ['resourceid', '_resourceid', 'resource_id'],
  hub: ['hubname', 'iothubname', 'hub_name', 'iothub-name'],
  hostName: ['hostname', 'iothubhostname', 'assignedhub'],
  protocol: ['protocol', 'protocol_s', 'transport', 'transporttype'],
  sdkVersion: ['sdkversion', 'sdkversion_s', 'useragent', 'user-agent'],
  statusCode: ['statuscode', 'statuscode_s', 'status_code', 'httpstatus', 'httpstatuscode'],
  errorCode: ['errorcode', 'error_code', 'iothuberrorcode'],
  errorMessage: ['errormessage', 'errormessage_s', 'error_message', 'exceptionmessage', 'exception', '@x', 'error', 'stack', 'stacktrace'],
  authType: ['authtype', 'auth_type', 'authenticationtype'],
  eventType: ['eventtype'],
  subject: ['subject', 'topic'],
  clientId: ['clientid', 'client_id', 'mqttclientid'],
  status: ['status', 'connectionstatus', 'connection_status', 'connectionstate', 'newstatus'],
  reason: ['reason', 'statusreason', 'connectionstatuschangereason', 'changereason', 'status_reason'],
  message: ['message', 'msg', '@m', '@mt', 'text', 'log', 'description', 'detail', 'details', 'messagetemplate', 'renderedmessage'],
};

const BY_SPELLING = new Map<string, FieldName>();
for (const [name, spellings] of Object.entries(SPELLINGS) as [FieldName, string[]][]) {
  for (const s of spellings) if (!BY_SPELLING.has(s)) BY_SPELLING.set(s, name);
}
// Exact spellings seen most often skip the lower-casing.
for (const s of ['time', 'operationName', 'category', 'level', 'resultType', 'resultDescription', 'properties', 'location', 'resourceId', 'deviceId', 'protocol', 'authType', 'maskedIpAddress', 'statusCode', 'errorMessage', 'sdkVersion', 'TimeGenerated', 'OperationName', 'Level', 'ResultType', 'ResultDescription', 'Category', '_ResourceId', 'DeviceId']) {
  const f = BY_SPELLING.get(s.toLowerCase());
  if (f) BY_SPELLING.set(s, f);
}

/** Field names whose values are prose worth reading for codes, messages and status words. */
export const TEXT_FIELDS: ReadonlySet<FieldName> = new Set<FieldName>(['resultDescription', 'errorMessage', 'message', 'status', 'reason', 'errorCode', 'resultType', 'operation', 'eventType', 'subject', 'statusCode']);

/** The field a key, header or label names (any case; a trailing " [UTC]"-style unit ignored), or undefined. */
export function fieldOf(key: string): FieldName | undefined {
  const direct = BY_SPELLING.get(key);
  if (direct) return direct;
  const lower = key.toLowerCase();
  const hit = BY_SPELLING.get(lower);
  if (hit) return hit;
  const bracket = lower.indexOf(' [');
  return bracket > 0 ? BY_SPELLING.get(lower.slice(0, bracket)) : undefined;
}
