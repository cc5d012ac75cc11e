/** @type {import('jest').Config} */
module.exports = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', {}] },
  testTimeout: 30000,
  setupFilesAfterEnv: ['<rootDir>/test/setup/isolateNock.ts'],
  // A safety net: a leaked handle must never hang CI (the suites close their servers themselves).
  forceExit: true,
};
