// Deployment tier: the docker-compose topology as processes (nginx, two API processes, a
// PostgreSQL primary and a pg_basebackup replica), faults injected under load.
const swc = require('../../swc-jest.config');

module.exports = {
  displayName: 'api:deploy',
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/**/*.deploy-spec.ts'],
  transform: swc.transform,
  transformIgnorePatterns: swc.transformIgnorePatterns,
  moduleNameMapper: swc.moduleNameMapper,
  globalSetup: '<rootDir>/support/global-setup.ts',
  globalTeardown: '<rootDir>/support/global-teardown.ts',
  testTimeout: 180000,
  // One topology, faults injected one at a time.
  maxWorkers: 1,
};
