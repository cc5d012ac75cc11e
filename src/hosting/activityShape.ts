// A cheap shape check before CloudAdapter sees a request body. botbuilder's own parsing is permissive:
// a serviceUrl that is not a string, say, gets as far as building the connector client and ends as a
// 500 that echoes an internal error message. Wrong shapes are the caller's fault: answer 400, plainly.

const STRING_FIELDS = ['type', 'id', 'serviceUrl', 'channelId', 'text', 'textFormat', 'locale', 'replyToId', 'name'] as const;
const OBJECT_FIELDS = ['conversation', 'from', 'recipient', 'channelData'] as const;

/** Why `body` cannot be a Bot Framework activity, or undefined when its shape is fine. Never names a value. */
export function activityShapeProblem(body: unknown): string | undefined {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return 'the body is not a JSON object';
  const a = body as Record<string, unknown>;
  if (typeof a.type !== 'string' || a.type === '') return 'type is missing';
  for (const f of STRING_FIELDS) if (a[f] !== undefined && a[f] !== null && typeof a[f] !== 'string') return `${f} is not a string`;
  for (const f of OBJECT_FIELDS) if (a[f] !== undefined && a[f] !== null && (typeof a[f] !== 'object' || Array.isArray(a[f]))) return `${f} is not an object`;
  for (const f of ['conversation', 'from', 'recipient'] as const) {
    const id = (a[f] as { id?: unknown } | undefined | null)?.id;
    if (id !== undefined && id !== null && typeof id !== 'string') return `${f}.id is not a string`;
  }
  if (a.attachments !== undefined && a.attachments !== null && !Array.isArray(a.attachments)) return 'attachments is not a list';
  if (a.entities !== undefined && a.entities !== null && !Array.isArray(a.entities)) return 'entities is not a list';
  if (typeof a.serviceUrl === 'string') {
    let ok = false;
    try {
      const u = new URL(a.serviceUrl);
      ok = u.protocol === 'https:' || u.protocol === 'http:';
    } catch {
      ok = false;
    }
    if (!ok) return 'serviceUrl is not an http(s) URL';
  }
  return undefined;
}
