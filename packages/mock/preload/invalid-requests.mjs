/**
 * Loaded by the Prism process the mock package starts (server/prism-servers.mjs), which wraps the creation of each
 * mock's server in answeringInvalidRequests(). Plain JavaScript outside src/ so that the same file serves the
 * compiled package and its tests run from source.
 *
 * A vendor answers a request it cannot accept in its own error shape. Prism does not: a body that is not JSON gets
 * the `{"error":{"code":"invalid_json"}}` of Prism's HTTP layer (micri) before Prism sees it, a body or parameter
 * that breaks the spec gets Prism's application/problem+json when the operation documents no 422 or 400, and 422
 * wins over the vendor's documented 400 when both exist. The mock document gives every operation the vendor's
 * answer (`x-modelspecs-invalid-request`, chosen from the spec by src/invalid-request.ts); this file sends it in
 * place of those three, and of nothing else:
 * - Prism's answer to a request that failed its validation: a documented error with a `sl-violations` header that
 *   names a request violation, or Prism's problem+json `UNPROCESSABLE_ENTITY` / `INVALID_CONTENT_TYPE` (a missing
 *   credential keeps its 401);
 * - micri's answer to a body it could not read (`invalid_json`, `invalid_body`, `request_entity_too_large`).
 * Requests are matched to operations with the mock document's path templates, a literal segment winning over a
 * template, as Prism routes them.
 */

import http from 'node:http';

const EXTENSION = 'x-modelspecs-invalid-request';
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const BODY_ERRORS = new Set(['invalid_json', 'invalid_body', 'request_entity_too_large']);
// The problem types Prism sends when a request breaks the spec and the operation documents no 422, 400 or default.
const PROBLEM_TYPES = /^https:\/\/stoplight\.io\/prism\/errors#(UNPROCESSABLE_ENTITY|INVALID_CONTENT_TYPE)$/;

const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** One route per operation that carries an answer: its method, a matcher for its path, and how literal it is. */
function routesOf(doc) {
  const routes = [];
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    const segments = path.split('/');
    const pattern = segments
      .map((segment) =>
        segment
          .split(/\{[^}]*\}/)
          .map(escapeRegExp)
          .join('[^/]+'),
      )
      .join('/');
    const literal = segments.filter((segment) => !segment.includes('{')).length;
    for (const method of METHODS) {
      const answer = item?.[method]?.[EXTENSION];
      if (answer) routes.push({ method, matches: new RegExp(`^${pattern}/?$`), literal, answer });
    }
  }
  return routes.sort((a, b) => b.literal - a.literal);
}

function answerFor(routes, req) {
  const method = (req.method ?? '').toLowerCase();
  let pathname;
  try {
    pathname = new URL(req.url ?? '/', 'http://mock.invalid').pathname;
  } catch {
    return undefined;
  }
  return routes.find((route) => route.method === method && route.matches.test(pathname))?.answer;
}

function parse(chunk) {
  try {
    return JSON.parse(Buffer.isBuffer(chunk) ? chunk.toString('utf8') : String(chunk));
  } catch {
    return undefined;
  }
}

/** Whether the answer about to be sent is Prism's (or micri's) own reaction to an invalid request. */
function isPrismsInvalidRequestAnswer(res, chunk) {
  const status = res.statusCode;
  if (status < 400 || status === 401) return false;
  const violations = res.getHeader('sl-violations');
  if (violations !== undefined) {
    return /"location":\["request"/.test(String(violations)) && /"severity":"Error"/.test(String(violations));
  }
  const contentType = String(res.getHeader('content-type') ?? '');
  if (/^application\/problem\+json/i.test(contentType)) {
    return PROBLEM_TYPES.test(String(parse(chunk)?.type));
  }
  if ((status === 400 || status === 413) && /^application\/json/i.test(contentType)) {
    return BODY_ERRORS.has(parse(chunk)?.error?.code);
  }
  return false;
}

function watch(routes, req, res) {
  const answer = answerFor(routes, req);
  if (!answer) return;
  const { write, end } = res;
  let streamed = false;
  res.write = function (...args) {
    streamed = true;
    return write.apply(this, args);
  };
  res.end = function (chunk, ...rest) {
    res.write = write;
    res.end = end;
    if (
      streamed ||
      this.headersSent ||
      typeof chunk === 'function' ||
      !isPrismsInvalidRequestAnswer(this, chunk)
    ) {
      return end.call(this, chunk, ...rest);
    }
    const body = JSON.stringify(answer.body);
    this.statusCode = answer.status;
    this.statusMessage = http.STATUS_CODES[answer.status] ?? '';
    this.setHeader('content-type', answer.contentType);
    this.setHeader('content-length', Buffer.byteLength(body));
    const callback = rest.find((arg) => typeof arg === 'function');
    return end.call(this, req.method === 'HEAD' ? undefined : body, callback);
  };
}

// The routes of the servers being created by answeringInvalidRequests() right now (server creation is synchronous).
let creating;
const createServer = http.createServer;
http.createServer = function (...args) {
  const routes = creating;
  const at = args.findIndex((arg) => typeof arg === 'function');
  if (routes && routes.length > 0 && at !== -1) {
    const handler = args[at];
    args[at] = function (req, res) {
      watch(routes, req, res);
      return handler.call(this, req, res);
    };
  }
  return createServer.apply(this, args);
};

/**
 * Runs `create`, which must create its HTTP server synchronously (Prism's server factory does), so that the server
 * answers invalid requests as the mock document `doc` says. Each server keeps its own document's answers, however
 * many servers one process runs.
 */
export function answeringInvalidRequests(doc, create) {
  creating = routesOf(doc);
  try {
    return create();
  } finally {
    creating = undefined;
  }
}
