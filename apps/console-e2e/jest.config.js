// Browser tests: the real built server (API + console) driven by Debian's Chromium.
module.exports = {
  displayName: 'console-e2e',
  rootDir: __dirname,
  // Node's environment, plus the URL, outline and screenshot of every open page when a test fails.
  testEnvironment: '<rootDir>/src/support/failure-evidence-environment.ts',
  testMatch: ['<rootDir>/src/**/*.e2e-spec.ts'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' } }],
  },
  // Test data is made with the same business rules as the app (e.g. corporate-number check digits).
  moduleNameMapper: { '^@madoguchi/domain$': '<rootDir>/../../libs/domain/src/index.ts' },
  globalSetup: '<rootDir>/src/support/global-setup.ts',
  globalTeardown: '<rootDir>/src/support/global-teardown.ts',
  testTimeout: 60000,
  // One browser at a time: two cores are shared with the server and its database.
  maxWorkers: 1,
};
