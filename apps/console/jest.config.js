// Console unit tests: pure helpers (formatting, error mapping). Screens are covered in console-e2e.
module.exports = {
  displayName: 'console',
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  transform: {
    '^.+\\.tsx?$': [
      '@swc/jest',
      { jsc: { parser: { syntax: 'typescript', tsx: true }, target: 'es2022' } },
    ],
  },
  moduleNameMapper: {
    '^@madoguchi/api-client$': '<rootDir>/../../libs/api-client/src/index.ts',
    '^@madoguchi/domain$': '<rootDir>/../../libs/domain/src/index.ts',
  },
};
