// @modelspecs/spec-tools/codegen: the generated client modules (openapi-typescript and the TypeScript compiler).
export { generateClient, renderClientModules } from './generate.js';
