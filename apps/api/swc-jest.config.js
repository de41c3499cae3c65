// The SWC settings of apps/api/.swcrc, shared by the unit and e2e Jest configs.
const { resolve } = require('node:path');

const root = resolve(__dirname, '../..');

module.exports = {
  // Some dependencies ship only as ES modules (otplib's crypto, content-disposition, cookie);
  // Node 20 loads them with require(esm), but Jest's module system needs them compiled to CommonJS.
  transformIgnorePatterns: [
    '/node_modules/(?!(@scure|@noble|@otplib|content-disposition|@fastify/cookie|cookie|file-type|strtok3|token-types|@tokenizer|uint8array-extras|@borewit)/)',
  ],
  transform: {
    '^.+\\.(ts|js|mjs)$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: {
            legacyDecorator: true,
            decoratorMetadata: true,
            useDefineForClassFields: false,
          },
          target: 'es2022',
          keepClassNames: true,
        },
        // Jest's module registry cannot run native import(); compile it to require() like the rest.
        module: { type: 'commonjs' },
      },
    ],
  },
  moduleNameMapper: {
    '^@madoguchi/domain$': `${root}/libs/domain/src/index.ts`,
    '^@madoguchi/migrations$': `${root}/migrations/index.ts`,
  },
};
