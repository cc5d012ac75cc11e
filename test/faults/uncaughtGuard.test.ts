// The one uncaught exception we tolerate: azure-iothub throwing while it builds its model from a 200
// answer without a deviceId (inside its HTTP callback, where no caller can catch it). Run for real in
// a child process, since jest captures uncaught exceptions itself.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { isKnownSdkModelError } from '../../src/hosting/uncaughtGuard';

const script = join(__dirname, 'fixtures/sdkModelError.ts');
const run = (arg = '') =>
  spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', script, arg], { cwd: join(__dirname, '../..'), encoding: 'utf8', timeout: 60_000 });

test('the SDK model error is logged and the process keeps serving', () => {
  const r = run();
  expect(r.stdout).toContain('warn registry-sdk-model-error');
  expect(r.stdout).toContain('second ok pump-0042');
  expect(r.stdout).not.toContain('broken answered');
  expect(r.status).toBe(0);
});

test('any other uncaught exception is logged and exits 1', () => {
  const r = run('then-bug');
  expect(r.stdout).toContain('error uncaught-exception');
  expect(r.status).toBe(1);
});

test('only azure-iothub model errors are recognised', () => {
  expect(isKnownSdkModelError(new ReferenceError('x'))).toBe(false);
  expect(isKnownSdkModelError('a string')).toBe(false);
});
