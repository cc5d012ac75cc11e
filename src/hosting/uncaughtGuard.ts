// Last line of defence for exceptions thrown outside any request. One is known and harmless:
// azure-iothub builds its Device/Twin model inside the HTTP response callback, so a 200 answer
// without a deviceId throws there, where no caller can catch it. That lookup simply never answers
// (the bot's registry budget already covers that). Anything else is a real bug: log it and exit so
// the platform restarts a clean process.
import type { Logger } from 'pino';

export function isKnownSdkModelError(err: unknown): boolean {
  if (!(err instanceof Error) || !err.stack) return false;
  return /ReferenceError|ArgumentError/.test(err.name) && /azure-iothub[\\/](?:dist|src)[\\/](?:device|twin|registry)\.(?:js|ts)/.test(err.stack);
}

export function uncaughtHandler(logger: Pick<Logger, 'error' | 'warn'>, exit: (code: number) => void): (err: unknown) => void {
  return (err: unknown) => {
    if (isKnownSdkModelError(err)) {
      logger.warn({ event: 'registry-sdk-model-error', err }, 'registry answer without a device id; lookup abandoned');
      return;
    }
    logger.error({ event: 'uncaught-exception', err }, 'uncaught exception; exiting');
    exit(1);
  };
}
