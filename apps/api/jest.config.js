// Unit specs beside the code: no database, no HTTP.
const swc = require('./swc-jest.config');

module.exports = {
  displayName: 'api:unit',
  rootDir: __dirname,
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/../../migrations'],
  testMatch: ['**/*.spec.ts'],
  transform: swc.transform,
  transformIgnorePatterns: swc.transformIgnorePatterns,
  moduleNameMapper: swc.moduleNameMapper,
};
