import { readFileSync } from 'node:fs';
import path from 'node:path';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { type RuruClientConfig, ruruHTML } from 'ruru/server';

/** Where the explorer's own files are served from, on the API's origin. */
export const EXPLORER_ASSETS_PATH = '/explorer/';

/**
 * What the headers editor holds at first: the header every query needs, waiting for a token
 * after "Bearer ". Sent as it is, it counts as no token, so `login` still runs from here.
 */
const HEADERS_TEMPLATE = JSON.stringify({ Authorization: 'Bearer ' }, null, 2);

const FIRST_QUERY = `# The hotel API's explorer (development only).
#
# Every query needs a token, and so do the docs:
#  1. In "Headers" below, paste a token after "Bearer ":
#     the ADMIN or PARTNER token npm start prints, or a
#     staff session's, from this mutation (no token needed):
#       mutation { login(email: "frontdesk@hotel.example",
#         password: "<as printed>") {
#           ... on LoginSuccess { token } } }
#  2. Re-fetch the schema: the circling arrows at the
#     bottom left (Shift+Ctrl+R).
#  3. Run the query: the play button (Ctrl+Enter).
{
  businessDate
}
`;

/** Where ruru (Graphile's prebuilt GraphiQL) lies, installed with the API: nothing comes from a CDN. */
function ruruPackage(): { staticFolder: string; version: string } {
  // ruru's exports map hides its package.json; its main module sits in dist/, beside static/.
  const root = path.join(path.dirname(require.resolve('ruru')), '..');
  const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
  return { staticFolder: path.join(root, 'static'), version };
}

/** A browser's address bar asks for HTML first; a GraphQL client asks for JSON, or sends a query. */
function wantsThePage(req: Request): boolean {
  return req.query.query === undefined && req.accepts(['application/graphql-response+json', 'application/json', 'text/html']) === 'text/html';
}

/**
 * GraphiQL for a browser's GET of `endpoint`, with every file it loads served from the
 * installed ruru package under EXPLORER_ASSETS_PATH. Mounted outside production only: there
 * GET /graphql stays GraphQL's, and the assets' path is a 404 like any unknown route.
 */
export function mountExplorer(app: Express, endpoint = '/graphql'): void {
  const { staticFolder, version } = ruruPackage();
  // The version in the path: another ruru is another URL, so each file may be cached for good.
  const staticPath = `${EXPLORER_ASSETS_PATH}${version}/`;
  const clientConfig: Partial<RuruClientConfig> = {
    defaultHeaders: HEADERS_TEMPLATE,
    defaultQuery: FIRST_QUERY,
    // "Persist headers" in the settings keeps the token across reloads, in this browser's storage.
    showPersistHeadersSettings: true,
    // ruru's explain and plan tools read Grafast's extensions, which this server has not.
    debugTools: [],
  };
  // Cast: ruru's type picks GraphiQL's props from types this install does not resolve, and so reads every one as required.
  const page = ruruHTML({ endpoint, staticPath, clientConfig: clientConfig as RuruClientConfig });
  app.use(staticPath, express.static(staticFolder, { index: false, immutable: true, maxAge: '365d' }));
  app.get(endpoint, (req: Request, res: Response, next: NextFunction) => {
    if (!wantsThePage(req)) return next();
    res.type('html').set('cache-control', 'no-cache').send(page);
  });
}
