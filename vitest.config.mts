import { createRequire } from 'node:module';
import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // graphql ships index.js and index.mjs; Vite would pick the .mjs for our code while
    // type-graphql and Apollo load the CommonJS one, and two graphql copies reject each
    // other's types. Point our imports at the one everything else uses.
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  plugins: [swc.vite({ jsc: { transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false }, keepClassNames: true } })],
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/support/global-setup.ts'],
    setupFiles: ['tests/support/register-ts.ts'],
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ['default'],
  },
});
