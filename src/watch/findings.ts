// A post's findings with the usual fix per kind, from the knowledge base (en or nl). Kept apart from the
// stored post so the state holds kinds only and the texts follow the knowledge base of the day.
import { knowledge } from '../triage/knowledge';
import type { FindingKind, Lang } from '../triage/types';
import type { WatchPostCore } from './state';

export interface WatchFinding {
  kind: FindingKind;
  /** How many of the post's devices have it. */
  devices: number;
  title: string;
  fix: string[];
  docUrl?: string;
}

export interface WatchPost extends WatchPostCore {
  findings: WatchFinding[];
}

export function withFindings(core: WatchPostCore, lang: Lang = 'en'): WatchPost {
  const findings = core.kinds.map(({ kind, devices }) => {
    const k = knowledge(kind, lang);
    return { kind, devices, title: k.title, fix: k.fix, ...(k.docUrl ? { docUrl: k.docUrl } : {}) };
  });
  return { ...core, findings };
}

/** The post as stored: without the knowledge-base texts. */
export function postCore(post: WatchPostCore): WatchPostCore {
  const { kind, hub, since, at, changes, devices, kinds, credential, openSince, idempotencyKey } = post;
  return { kind, hub, since, at, changes, devices, kinds, credential, ...(openSince ? { openSince } : {}), idempotencyKey };
}
