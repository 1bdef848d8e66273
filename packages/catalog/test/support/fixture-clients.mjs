// Given to the CLI's Node with --import by test/cli.test.ts: the fixture vendors (test/fixtures/five-vendors) have no
// generated client package to install, so `@modelspecs/<slug>` of a fixture vendor resolves to fixture-client.mjs,
// which carries the facts the generator would write for its spec. Every other import resolves as usual.
import { register } from 'node:module';

register('./fixture-client-hooks.mjs', import.meta.url);
