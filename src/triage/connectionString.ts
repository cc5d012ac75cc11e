// Connection strings, read from the REDACTED text: host, device, module and policy are not secrets.
import type { ConnectionStringInfo } from './types';

// Values hold no white space (one follows "SharedAccessSignature" inside a token), so two strings
// pasted on one line stay two.
const CONN = /HostName\s{0,2}=\s{0,2}([A-Za-z0-9.-]{1,253})((?:\s{0,2};\s{0,2}[A-Za-z0-9]{1,32}\s{0,2}=(?:SharedAccessSignature )?[^;\s"'<>]{0,1024}){0,10})/gi;

export function findConnectionStrings(line: string, lineNo: number): ConnectionStringInfo[] {
  if (!/HostName/i.test(line)) return [];
  const out: ConnectionStringInfo[] = [];
  CONN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = CONN.exec(line)) && out.length < 20) {
    const fields = new Map<string, string>();
    for (const part of m[2].split(';')) {
      const eq = part.indexOf('=');
      if (eq > 0) fields.set(part.slice(0, eq).trim().toLowerCase(), part.slice(eq + 1).trim());
    }
    const hostName = m[1].toLowerCase();
    const hubMatch = /^([a-z0-9-]{3,50})\.azure-devices\.net$/.exec(hostName);
    const deviceId = fields.get('deviceid') || undefined;
    const moduleId = fields.get('moduleid') || undefined;
    const policy = fields.get('sharedaccesskeyname') || undefined;
    const auth: ConnectionStringInfo['auth'] = /^true$/i.test(fields.get('x509') ?? '')
      ? 'x509'
      : fields.has('sharedaccesssignature')
        ? 'sas-token'
        : fields.has('sharedaccesskey')
          ? 'shared-access-key'
          : 'none';
    out.push({
      line: lineNo,
      hostName,
      hub: hubMatch ? hubMatch[1] : undefined,
      deviceId,
      moduleId,
      policy,
      kind: moduleId ? 'module' : deviceId ? 'device' : policy ? 'service' : 'unknown',
      auth,
      gatewayHostName: fields.get('gatewayhostname') || undefined,
    });
  }
  return out;
}
