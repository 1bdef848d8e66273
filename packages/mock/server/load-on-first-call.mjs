/**
 * What server/prism-servers.mjs puts in the require cache before Prism loads (plain JavaScript outside src/, like it):
 * faker's English module in place of its main one, and stand-ins for modules Prism loads at start-up that a mock never
 * runs, the converters of Postman collections and Swagger 2 documents (`@stoplight/http-spec/postman/...` and
 * `.../oas2/...`, with postman-collection and its dependencies), which it only calls for a document of that kind, while
 * a mock always serves an OpenAPI 3 document. Loading them is about a tenth of a Prism process's start-up CPU.
 */
import Module, { createRequire } from 'node:module';

const requireFromHere = createRequire(import.meta.url);

/**
 * Puts `exports` in the require cache as the loaded CommonJS module `file`, so that whatever requires that file from
 * now on gets them instead of loading it. Returns the cache entry.
 */
export function fillRequireCache(file, exports) {
  const entry = new Module(file);
  entry.filename = file;
  entry.loaded = true;
  entry.exports = exports;
  requireFromHere.cache[file] = entry;
  return entry;
}

/**
 * Fills the require cache entry of the CommonJS module `specifier` (resolved by `requireFrom`) with functions named
 * `names` that load the real module on their first call and call its function of the same name, so that whatever
 * requires it later gets those instead of loading it. Nothing is done when the module is loaded already or cannot be
 * resolved (another version of Prism that does not have it).
 */
export function loadOnFirstCall(requireFrom, specifier, names) {
  let file;
  try {
    file = requireFrom.resolve(specifier);
  } catch {
    return;
  }
  const cache = requireFromHere.cache;
  if (cache[file]) return;
  let real;
  const load = () => {
    if (!real) {
      if (cache[file] === entry) delete cache[file];
      real = requireFrom(specifier);
    }
    return real;
  };
  const entry = fillRequireCache(
    file,
    Object.fromEntries(names.map((name) => [name, (...args) => load()[name](...args)])),
  );
}
