// The SWC settings of apps/api/.swcrc, shared by the unit and e2e Jest configs.
const { resolve } = require('node:path');

const root = resolve(__dirname, '../..');

module.exports = {
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
          target: 'es2022',
          keepClassNames: true,
        },
        module: { type: 'commonjs', ignoreDynamic: true },
      },
    ],
  },
  moduleNameMapper: {
    '^@madoguchi/domain$': `${root}/libs/domain/src/index.ts`,
  },
};
