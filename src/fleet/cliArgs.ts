// The fleet flags of the command-line tool, kept apart from the Log Analytics client so that parsing them
// (and every paste the CLI triages) never loads the Azure SDKs.
import type { Lang } from '../triage/types';
import { DEFAULT_FLEET_SINCE } from './parse';

export const FLEET_USAGE =
  'usage: iothub-triage --hub NAME [--workspace ID|HUB-RESOURCE-ID] [--since 1h|6h|12h|24h|3d|7d] [--device ID | --changes-since STATE-FILE] [--json] [--lang en|nl]';

export interface FleetCliArgs {
  hub: string;
  workspace: string;
  since: string;
  json: boolean;
  lang: Lang;
  deviceId?: string;
  /** Watch mode: print only what got worse (or recovered) since the state in this file, then update it. */
  changesSince?: string;
}

export interface FleetCliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

/** Parse the fleet flags; the lead's CLI calls this when argv holds --hub. */
export function parseFleetArgs(argv: string[]): { ok: true; args: FleetCliArgs } | { ok: false; message: string } {
  const args: FleetCliArgs = { hub: '', workspace: '', since: DEFAULT_FLEET_SINCE, json: false, lang: 'en' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (): string | undefined => argv[++i];
    if (a === '--json') args.json = true;
    else if (a === '--hub' || a === '--workspace' || a === '--since' || a === '--lang' || a === '--device' || a === '--changes-since') {
      const v = value();
      if (v === undefined) return { ok: false, message: `${a} needs a value` };
      if (a === '--hub') args.hub = v;
      else if (a === '--workspace') args.workspace = v;
      else if (a === '--since') args.since = v;
      else if (a === '--device') args.deviceId = v;
      else if (a === '--changes-since') args.changesSince = v;
      else if (v === 'en' || v === 'nl') args.lang = v;
      else return { ok: false, message: `--lang must be en or nl, got "${v.slice(0, 20)}"` };
    } else return { ok: false, message: `unknown option ${a.slice(0, 40)}` };
  }
  if (!args.hub) return { ok: false, message: '--hub is required' };
  if (args.changesSince !== undefined && args.deviceId !== undefined) return { ok: false, message: '--changes-since watches the whole hub: leave out --device' };
  return { ok: true, args };
}

