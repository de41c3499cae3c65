// API e2e: the whole HTTP app over Supertest, on a real PostgreSQL.
// Each test file gets its own database cloned from a migrated template, so files run in parallel.
const swc = require('../swc-jest.config');

module.exports = {
  displayName: 'api:e2e',
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/**/*.e2e-spec.ts'],
  transform: swc.transform,
  transformIgnorePatterns: swc.transformIgnorePatterns,
  moduleNameMapper: swc.moduleNameMapper,
  globalSetup: '<rootDir>/support/global-setup.ts',
  globalTeardown: '<rootDir>/support/global-teardown.ts',
  testTimeout: 30000,
  maxWorkers: 2,
};
