/**
 * GET /graphql in a browser: GraphiQL (the `graphiql` npm package's browser bundle, with
 * React's), served by this server so that it works on a network without internet. Apollo's
 * own landing page loads its code from a CDN and is a blank page there. A field at the top
 * takes the API key (kept in the tab's sessionStorage only); GraphiQL's documentation pane
 * shows the schema, read by introspection with that key. Only mounted when introspection is on.
 */
import path from 'node:path';
import express, { type Request, type Response, type Router } from 'express';

const packageDir = (name: string) => path.dirname(require.resolve(`${name}/package.json`));

/** The files the page loads, by the name it asks for them. */
const ASSETS: Record<string, { file: string; type: string }> = {
  'react.js': { file: path.join(packageDir('react'), 'umd', 'react.production.min.js'), type: 'text/javascript' },
  'react-dom.js': { file: path.join(packageDir('react-dom'), 'umd', 'react-dom.production.min.js'), type: 'text/javascript' },
  'graphiql.js': { file: path.join(packageDir('graphiql'), 'graphiql.min.js'), type: 'text/javascript' },
  'graphiql.css': { file: path.join(packageDir('graphiql'), 'graphiql.min.css'), type: 'text/css' },
};

/** Starts GraphiQL against the page's own URL with the pasted key; a new key reloads the schema. */
const START_SCRIPT = `
(function () {
  var endpoint = window.location.pathname;
  var input = document.getElementById('api-key');
  input.value = sessionStorage.getItem('fitgraph-api-key') || '';
  var root = ReactDOM.createRoot(document.getElementById('graphiql'));
  function fetcher(params, options) {
    var headers = { 'content-type': 'application/json', accept: 'application/json' };
    if (input.value.trim()) headers.authorization = 'Bearer ' + input.value.trim();
    if (options && options.headers) Object.assign(headers, options.headers);
    return fetch(endpoint, { method: 'POST', headers: headers, body: JSON.stringify(params) }).then(function (res) { return res.json(); });
  }
  function render() {
    root.render(React.createElement(GraphiQL, { fetcher: fetcher, key: input.value.trim(), defaultEditorToolbarTabs: 'variables' }));
  }
  input.addEventListener('change', function () {
    sessionStorage.setItem('fitgraph-api-key', input.value.trim());
    render();
  });
  render();
})();
`;

function page(assetBase: string): string {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>fitgraph GraphQL explorer</title>
  <link rel="stylesheet" href="${assetBase}graphiql.css">
  <style>
    html, body { height: 100%; margin: 0; font-family: system-ui, sans-serif; }
    body { display: flex; flex-direction: column; }
    header { display: flex; gap: 0.5rem; align-items: center; padding: 0.4rem 0.8rem; border-bottom: 1px solid #ddd; font-size: 14px; }
    header input { flex: 1; max-width: 36rem; font-family: monospace; padding: 0.25rem; }
    #graphiql { flex: 1; min-height: 0; }
  </style>
</head>
<body>
  <header>
    <strong>fitgraph</strong>
    <label for="api-key">API key</label>
    <input id="api-key" type="password" autocomplete="off" placeholder="fgk_… (sent as Authorization: Bearer; the docs need it)">
  </header>
  <div id="graphiql">Loading the explorer…</div>
  <script src="${assetBase}react.js"></script>
  <script src="${assetBase}react-dom.js"></script>
  <script src="${assetBase}graphiql.js"></script>
  <script src="${assetBase}start.js"></script>
</body>
</html>
`;
}

/** Everything the page may load comes from this server (GraphiQL styles itself inline, fonts are data: URLs). */
const CONTENT_SECURITY_POLICY =
  "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'";

/** Whether a GET /graphql comes from a browser wanting a page rather than a GraphQL-over-GET query. */
function wantsPage(req: Request): boolean {
  return (
    req.query.query === undefined && req.accepts(['application/json', 'application/graphql-response+json', 'text/html']) === 'text/html'
  );
}

/** Routes for /graphql (the page) and /graphql/explorer/* (its files); mount before the GraphQL handler. */
export function explorerRoutes(): Router {
  const router = express.Router();
  router.get('/graphql', (req: Request, res: Response, next) => {
    if (!wantsPage(req)) {
      next();
      return;
    }
    const base = `${req.baseUrl}${req.path.replace(/\/$/, '')}/explorer/`;
    res.setHeader('content-security-policy', CONTENT_SECURITY_POLICY);
    res.type('html').send(page(base));
  });
  router.get('/graphql/explorer/start.js', (_req, res) => {
    res.type('text/javascript').send(START_SCRIPT);
  });
  router.get('/graphql/explorer/:file', (req, res, next) => {
    const asset = ASSETS[req.params.file];
    if (!asset) {
      next();
      return;
    }
    res.type(asset.type).sendFile(asset.file, { maxAge: '1d' });
  });
  return router;
}
