// The options of every spec reader, in a module of its own: the packages that pass them compile without
// Redocly's types, which the resolver's module brings in.

/** How a spec is read. Every reader of a spec (lint, bundle, generate, docs, mock, conformance) loads it this way. */
export interface SpecLoadOptions {
  /**
   * The folder every file of the spec must be in, after `..` and links are resolved: a `$ref` (or an
   * `externalValue`, or a discriminator mapping) naming anything else is refused. Default: the spec file's folder.
   */
  root?: string;
  /** The largest file (the spec or one it refers to), in bytes, checked before it is read. Default 5 MiB. */
  maxFileBytes?: number;
  /**
   * Lets `$ref`s name http(s) URLs, each fetched (redirects followed, no credentials sent) within `timeoutMs`.
   * Off by default: a spec from someone else must never make its reader touch the network. Only for a user's own spec.
   */
  allowRemoteRefs?: { timeoutMs: number };
}
