import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Typed documents for the example partner client, from the committed schema (no server
 * needed): `npm run client:codegen` from the repository root. The custom scalars are
 * mapped to what the API sends; without a mapping codegen would type them `unknown`.
 */
const config: CodegenConfig = {
  schema: 'schema/schema.graphql',
  documents: ['examples/client/src/**/*.ts', '!examples/client/src/gql/**'],
  ignoreNoDocuments: false,
  generates: {
    'examples/client/src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        // A scalar added to the schema without a mapping here fails codegen instead of becoming `any`.
        strictScalars: true,
        scalars: {
          // A decimal string with two places, "120.00": never a float, so no cent is lost.
          Money: 'string',
          // A calendar date, "2027-03-01".
          Date: 'string',
          // An instant in ISO 8601 at UTC, "2027-03-01T10:15:30.000Z".
          DateTime: 'string',
          JSON: 'unknown',
          JSONObject: 'Record<string, unknown>',
        },
        // String unions switch exhaustively; TypeScript enums would need importing to compare.
        enumsAsTypes: true,
        useTypeImports: true,
      },
    },
  },
};

export default config;
