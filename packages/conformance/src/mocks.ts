import type { RunningMocks, StartMocksOptions } from '@modelspecs/mock';

export type { RunningMocks };

/**
 * Starts Prism mocks of the vendors or of a spec file. @modelspecs/mock (and Prism with it) is an optional peer,
 * loaded only here: checking a base URL never needs it.
 */
export async function startSpecMocks(options: StartMocksOptions): Promise<RunningMocks> {
  let mock: typeof import('@modelspecs/mock');
  try {
    mock = await import('@modelspecs/mock');
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    if (code === 'ERR_MODULE_NOT_FOUND' && message.includes("'@modelspecs/mock'")) {
      throw new MockPackageMissingError();
    }
    throw error;
  }
  return mock.startMocks(options);
}

/** Without a base URL the checker starts mocks, which takes a package the user may not have installed. */
export class MockPackageMissingError extends Error {
  constructor() {
    super(
      'Checking without --base-url starts a mock of the spec, which needs @modelspecs/mock: install it ' +
        '(npm install --save-dev @modelspecs/mock) or pass --base-url <url> of the server to check.',
    );
    this.name = 'MockPackageMissingError';
  }
}
