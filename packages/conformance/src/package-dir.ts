import { fileURLToPath } from 'node:url';

/** This package's folder: where it is installed decides which specs it checks against (see vendorCatalog). */
export const PACKAGE_DIR: string = fileURLToPath(new URL('..', import.meta.url));
