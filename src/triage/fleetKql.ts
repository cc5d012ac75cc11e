// The fleet query: Log Analytics computes, per device, the same DeviceConnectionSummary the paste engine
// computes from a timeline (timeline.ts), with the DEVICE_RULES thresholds interpolated as numbers, so
// only per-device summaries come back. Pure: text in, KQL out. Hub names and device ids come from chat,
// so they enter the query only through kqlString (one escaped literal whatever the input).
import { DEVICE_RULES } from './deviceRules';
import { kqlString } from './kql';
import { credentialPatternSources } from './messages';

export const FLEET_SINCE = ['1h', '6h', '12h', '24h', '3d', '7d'] as const;
export type FleetSince = (typeof FLEET_SINCE)[number];

/** Device rows a query returns at most (the worst first); totals still count every device. */
export const FLEET_MAX_DEVICES = 500;
/** "401003s with no reconnect within a few minutes": the few minutes. */
export const NO_RECONNECT_MINUTES = 5;
/** Distinct credential messages / error codes returned per device. */
export const FLEET_TOP_DESCRIPTIONS = 5;
/** Longest description returned per row (messages can be long; the card shows less). */
export const FLEET_DESCRIPTION_CHARS = 300;
/** Values per device kept for the exact medians (a 7-day window of churn is ~170). */
export const FLEET_MEDIAN_SAMPLES = 10_000;

export function isFleetSince(v: unknown): v is FleetSince {
  return typeof v === 'string' && (FLEET_SINCE as readonly string[]).includes(v);
}

/** The ISO-8601 duration LogsQueryClient sends as the query's timespan. */
export const SINCE_DURATION: Record<FleetSince, string> = {
  '1h': 'PT1H',
  '6h': 'PT6H',
  '12h': 'PT12H',
  '24h': 'P1D',
  '3d': 'P3D',
  '7d': 'P7D',
};

/** 401xxx codes whose role in codes.ts is 'credential': the engine files them as credentials-rejected. */
export const CREDENTIAL_CODES = ['401000', '401001', '401002', '401100'] as const;

/**
 * The credential messages of messages.ts that prove a finding kind, as RE2 (KQL) and JavaScript both
 * read them. A row whose message matches is a credential event (kept out of the timeline, like the
 * engine does); its kind is decided afterwards by `matchMessage` on the returned description.
 * Derived from messages.ts, so the two cannot drift apart.
 */
const SOURCES = credentialPatternSources();
export const CREDENTIAL_MESSAGE = {
  caseInsensitive: SOURCES.caseInsensitive.join('|'),
  // Upper-case SDK constants and exception names match case-sensitively in messages.ts too.
  caseSensitive: SOURCES.caseSensitive.join('|'),
} as const;

const CI_RE = new RegExp(CREDENTIAL_MESSAGE.caseInsensitive, 'i');
// An empty alternative would match every row: with no case-sensitive pattern there is none.
const CS_RE = CREDENTIAL_MESSAGE.caseSensitive ? new RegExp(CREDENTIAL_MESSAGE.caseSensitive) : undefined;

/** What the query's `matches regex` decides, in JavaScript (for the TS reference and tests). */
export function isCredentialMessage(text: string): boolean {
  return CI_RE.test(text) || (CS_RE?.test(text) ?? false);
}

/** The RE2 pattern as a KQL verbatim string literal (@"…": only a double quote needs doubling). */
function credentialRegexLiteral(): string {
  const re = CREDENTIAL_MESSAGE.caseSensitive ? `(?i:${CREDENTIAL_MESSAGE.caseInsensitive})|${CREDENTIAL_MESSAGE.caseSensitive}` : `(?i:${CREDENTIAL_MESSAGE.caseInsensitive})`;
  return `@"${re.replace(/"/g, '""')}"`;
}

/** Columns of every row the query returns (device rows and the one totals row). */
export const FLEET_COLUMNS = [
  'RowKind',
  'DeviceId',
  'Unauthorized',
  'ClosedRemotely',
  'Connected',
  'Recovered',
  'Trailing',
  'SpacedPairs',
  'Retries',
  'NoReconnect',
  'MedianIntervalMinutes',
  'MedianReconnectSeconds',
  'CredentialRows',
  'CredentialCodes',
  'OtherCodes',
  'FirstSeen',
  'LastSeen',
  'Ruling',
  'TopDescriptions',
  'TotalDevices',
  'TotalChurn',
  'TotalCredential',
  'TotalOther',
  'TotalFine',
] as const;
export type FleetColumn = (typeof FLEET_COLUMNS)[number];

export interface FleetKqlOptions {
  hub: string;
  /** Narrow to one device (the card's drill-down). Escaped like the hub. */
  deviceId?: string;
  /** Only a label for the header comment: the window itself is the request's timespan. */
  since?: FleetSince;
  maxDevices?: number;
}

function int(n: number, fallback: number, min: number, max: number): number {
  return Number.isInteger(n) && n >= min && n <= max ? n : fallback;
}

/**
 * The fleet query for one hub. Each `let` mirrors one step of timeline.ts; the TS reference in
 * test/fleet/kqlReference.ts implements the same steps, and the agreement test checks that it judges
 * every device exactly as the paste engine does.
 */
export function fleetKql(opts: FleetKqlOptions): string {
  const hub = String(opts.hub ?? '').trim().replace(/\.azure-devices\.net\/?$/i, '');
  const max = int(opts.maxDevices ?? FLEET_MAX_DEVICES, FLEET_MAX_DEVICES, 1, 10_000);
  const r = DEVICE_RULES;
  const header = [
    `// IoT Hub Triage: per-device 401003 summary for one hub${isFleetSince(opts.since) ? `, last ${opts.since}` : ''}.`,
    '// The time range is the request\'s timespan: in the portal, set the time picker to the same window.',
  ];
  const lines = [
    ...header,
    `let HubSuffix = ${kqlString(`/iothubs/${hub}`)};`,
    `let CloseBefore = ${r.closeBeforeSeconds}s;`,
    `let CloseAfter = ${r.closeAfterSeconds}s;`,
    `let RetryGap = ${r.retryGapMinutes}m;`,
    `let NoReconnectAfter = ${NO_RECONNECT_MINUTES}m;`,
    `let UnrecoveredMin = ${r.unrecoveredMin};`,
    `let ErrorOnlyMinPairs = ${r.errorOnlyMinPairs};`,
    `let ErrorOnlyMinRetries = ${r.errorOnlyMinRetries};`,
    `let CredentialCodes = dynamic([${CREDENTIAL_CODES.map((c) => `"${c}"`).join(', ')}]);`,
    `let MaxDevices = ${max};`,
    '// Every Connections row of the hub, classified the way the paste engine reads a log record.',
    'let Rows = AzureDiagnostics',
    '| where ResourceProvider == "MICROSOFT.DEVICES" and ResourceType == "IOTHUBS" and Category == "Connections"',
    // endswith is case-insensitive: _ResourceId is upper-case, hub names are usually lower-case.
    '| where _ResourceId endswith HubSuffix',
    '| extend p = parse_json(properties_s)',
    '| extend DeviceId = tostring(p.deviceId), ErrorMessage = tostring(p.errorMessage), StatusCode = tostring(p.statusCode)',
    '| where isnotempty(DeviceId)',
  ];
  if (opts.deviceId !== undefined) lines.push(`| where DeviceId == ${kqlString(opts.deviceId)}`);
  lines.push(
    // The engine reads "errorMessage resultDescription"; the same text twice is shown once.
    '| extend Message = iff(ErrorMessage == ResultDescription, ResultDescription, trim(@"\\s+", strcat(ErrorMessage, " ", ResultDescription)))',
    '| extend Code = case(ResultType matches regex @"^\\d{6}$", ResultType,',
    '    ResultDescription =~ "IoTHubUnauthorized" or ResultDescription =~ "Unauthorized", "401003",',
    '    ResultDescription =~ "DeviceConnectionClosedRemotely", "404104", "")',
    `| extend Kind = case(Message matches regex ${credentialRegexLiteral()}, "credential",`,
    '    Code == "401003", "unauthorized",',
    '    Code == "404104", "closed",',
    '    isnotempty(Code), "code",',
    '    OperationName contains "disconnect", "disconnected",',
    '    Level matches regex @"(?i)error|fail|warn" or StatusCode matches regex @"^[45]", "failed",',
    '    OperationName contains "connect", "connected",',
    '    "disconnected")',
    '| project TimeGenerated, DeviceId, Kind, Code, Message;',
    '// The timeline the rules read: credential messages and other error codes are findings of their own.',
    'let Timeline = Rows | where Kind in ("unauthorized", "closed", "connected", "disconnected", "failed");',
    '// Step 1 (401003s and 404104s only): the 404104 right after a 401003, within CloseAfter, belongs to it.',
    'let Step1 = union',
    '  (Timeline | where Kind in ("unauthorized", "closed")',
    '    | sort by DeviceId asc, TimeGenerated asc',
    '    | extend CloseAfterStart = Kind == "unauthorized" and next(DeviceId) == DeviceId and next(Kind) == "closed" and next(TimeGenerated) - TimeGenerated <= CloseAfter,',
    '             CloseTaken = Kind == "closed" and prev(DeviceId) == DeviceId and prev(Kind) == "unauthorized" and TimeGenerated - prev(TimeGenerated) <= CloseAfter),',
    '  (Timeline | where Kind !in ("unauthorized", "closed") | extend CloseAfterStart = false, CloseTaken = false);',
    '// Step 2 (whole timeline): else a free 404104 up to 3 events and CloseBefore earlier, with no 401003 in between.',
    'let Step2 = Step1',
    '| sort by DeviceId asc, TimeGenerated asc',
    '| extend CloseBeforeStart = Kind == "unauthorized" and not(CloseAfterStart) and (',
    '    (prev(DeviceId, 1) == DeviceId and prev(Kind, 1) == "closed" and not(prev(CloseTaken, 1)) and TimeGenerated - prev(TimeGenerated, 1) <= CloseBefore)',
    '    or (prev(Kind, 1) != "unauthorized" and prev(DeviceId, 2) == DeviceId and prev(Kind, 2) == "closed" and not(prev(CloseTaken, 2)) and TimeGenerated - prev(TimeGenerated, 2) <= CloseBefore)',
    '    or (prev(Kind, 1) != "unauthorized" and prev(Kind, 2) != "unauthorized" and prev(DeviceId, 3) == DeviceId and prev(Kind, 3) == "closed" and not(prev(CloseTaken, 3)) and TimeGenerated - prev(TimeGenerated, 3) <= CloseBefore));',
    '// Step 3 (401003s and connects, newest first): recovered = the next of the two is a connect; trailing = no connect after it.',
    'let Step3 = Step2',
    '| where Kind in ("unauthorized", "connected")',
    '| sort by DeviceId asc, TimeGenerated desc',
    '| extend ConnectsAfter = row_cumsum(iff(Kind == "connected", 1, 0), DeviceId != prev(DeviceId)),',
    '         Recovered = Kind == "unauthorized" and prev(DeviceId) == DeviceId and prev(Kind) == "connected",',
    '         ReconnectSeconds = iff(Kind == "unauthorized" and prev(DeviceId) == DeviceId and prev(Kind) == "connected", (prev(TimeGenerated) - TimeGenerated) / 1s, real(null))',
    '| where Kind == "unauthorized";',
    '// Step 4 (401003s only): the gap to the previous 401003 tells retries of a refused credential from token rotations.',
    'let Starts = Step3',
    '| sort by DeviceId asc, TimeGenerated asc',
    '| extend Gap = iff(prev(DeviceId) == DeviceId, TimeGenerated - prev(TimeGenerated), timespan(null))',
    '| extend GapOk = isnull(Gap) or Gap >= RetryGap, Closed = CloseAfterStart or CloseBeforeStart',
    '| extend Retry = isnotnull(Gap) and Gap < RetryGap, SpacedPair = Closed and GapOk, Counted = Recovered or (Closed and GapOk);',
    '// Step 5: the token lifetime is the interval between consecutive recovered or spaced 401003s.',
    'let StartRows = union',
    '  (Starts | where Counted | sort by DeviceId asc, TimeGenerated asc',
    '    | extend IntervalMinutes = iff(prev(DeviceId) == DeviceId, (TimeGenerated - prev(TimeGenerated)) / 1m, real(null))),',
    '  (Starts | where not(Counted) | extend IntervalMinutes = real(null));',
    '// The most frequent credential messages and other error codes per device, credential messages first.',
    'let Descriptions = Rows',
    '| where Kind in ("credential", "code")',
    `| summarize Count = count() by DeviceId, Kind, Code, Description = substring(Message, 0, ${FLEET_DESCRIPTION_CHARS})`,
    '| extend CredentialFirst = iff(Kind == "credential" or Code in (CredentialCodes), 0, 1)',
    '| sort by DeviceId asc, CredentialFirst asc, Count desc, Description asc',
    '| extend Rank = row_number(1, prev(DeviceId) != DeviceId)',
    `| where Rank <= ${FLEET_TOP_DESCRIPTIONS}`,
    '| summarize TopDescriptions = make_list(bag_pack("description", Description, "code", Code, "count", Count, "credential", Kind == "credential")) by DeviceId;',
    '// One summary per device, with the ruling of deviceRules.ts (ruleOnDevice) for the totals and the order.',
    'let Devices = union',
    '  StartRows,',
    '  (Rows | where Kind != "unauthorized")',
    '| summarize',
    '    Unauthorized = countif(Kind == "unauthorized"),',
    '    ClosedRemotely = countif(Kind == "closed"),',
    '    Connected = countif(Kind == "connected"),',
    '    Recovered = countif(Kind == "unauthorized" and Recovered),',
    '    Trailing = countif(Kind == "unauthorized" and ConnectsAfter == 0),',
    '    SpacedPairs = countif(Kind == "unauthorized" and SpacedPair),',
    '    Retries = countif(Kind == "unauthorized" and Retry),',
    '    NoReconnect = countif(Kind == "unauthorized" and (not(Recovered) or ReconnectSeconds > NoReconnectAfter / 1s)),',
    `    Intervals = make_list_if(IntervalMinutes, Kind == "unauthorized" and isnotnull(IntervalMinutes), ${FLEET_MEDIAN_SAMPLES}),`,
    `    Reconnects = make_list_if(ReconnectSeconds, Kind == "unauthorized" and Recovered and ReconnectSeconds >= 0, ${FLEET_MEDIAN_SAMPLES}),`,
    '    CredentialRows = countif(Kind == "credential"),',
    '    CredentialCodes = countif(Kind == "code" and Code in (CredentialCodes)),',
    '    OtherCodes = countif(Kind == "code" and Code !in (CredentialCodes)),',
    '    FirstSeen = min(TimeGenerated), LastSeen = max(TimeGenerated)',
    '    by DeviceId',
    // Exact medians (the middle two averaged), as timeline.ts computes them.
    '| extend Intervals = array_sort_asc(Intervals), Reconnects = array_sort_asc(Reconnects)',
    '| extend ni = array_length(Intervals), nr = array_length(Reconnects)',
    '| extend MedianIntervalMinutes = iff(ni == 0, real(null), iff(ni % 2 == 1, todouble(Intervals[ni / 2]), (todouble(Intervals[ni / 2 - 1]) + todouble(Intervals[ni / 2])) / 2.0)),',
    '         MedianReconnectSeconds = iff(nr == 0, real(null), iff(nr % 2 == 1, todouble(Reconnects[nr / 2]), (todouble(Reconnects[nr / 2 - 1]) + todouble(Reconnects[nr / 2])) / 2.0))',
    '| extend Churn = iff(Connected > 0, Recovered >= 1, SpacedPairs >= ErrorOnlyMinPairs),',
    '         Unrecovered = iff(Connected > 0, Trailing >= UnrecoveredMin, Retries >= ErrorOnlyMinRetries)',
    '| extend Ruling = case(CredentialRows > 0 or CredentialCodes > 0 or Unrecovered, "credential", Churn, "churn", OtherCodes > 0, "other", "fine")',
    '| extend Severity = case(Ruling == "credential", 3, Ruling == "other", 2, Ruling == "churn", 1, 0),',
    '         Failures = CredentialRows + CredentialCodes + iff(Connected > 0, Trailing, Retries)',
    '| lookup kind=leftouter Descriptions on DeviceId;',
    'union',
    '  (Devices',
    '    | sort by Severity desc, Failures desc, Unauthorized desc, DeviceId asc',
    '    | take MaxDevices',
    '    | extend RowKind = "device"',
    '    | project RowKind, DeviceId, Unauthorized, ClosedRemotely, Connected, Recovered, Trailing, SpacedPairs, Retries, NoReconnect,',
    '        MedianIntervalMinutes, MedianReconnectSeconds, CredentialRows, CredentialCodes, OtherCodes, FirstSeen, LastSeen, Ruling, TopDescriptions),',
    '  (Devices',
    '    | summarize TotalDevices = count(), TotalChurn = countif(Ruling == "churn"), TotalCredential = countif(Ruling == "credential"),',
    '        TotalOther = countif(Ruling == "other"), TotalFine = countif(Ruling == "fine")',
    '    | extend RowKind = "totals")',
  );
  return lines.join('\n');
}
