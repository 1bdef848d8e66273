// The CLI's default: the vendors' Prism mocks, from the optional @modelspecs/mock package.

/** Starts the mocks of these vendors; the clients to reach them and how to stop them. */
export async function startVendorMocks(vendors: readonly string[]): Promise<{
  clients: Record<string, { baseUrl: string; apiKey: string }>;
  stop: () => Promise<void>;
}> {
  let mock: typeof import('@modelspecs/mock');
  try {
    mock = await import('@modelspecs/mock');
  } catch (error) {
    if ((error as { code?: string }).code !== 'ERR_MODULE_NOT_FOUND') throw error;
    throw new Error(
      'listing the mocks needs @modelspecs/mock, which is not installed: install it beside @modelspecs/catalog ' +
        '(npm install @modelspecs/mock), or pass --live to call the vendors with the keys in their env vars',
    );
  }
  const running = await mock.startMocks({ vendors });
  return {
    clients: Object.fromEntries(
      running.mocks.map((m) => [m.slug, { baseUrl: m.baseUrl, apiKey: mock.MOCK_KEY }]),
    ),
    stop: () => running.stop(),
  };
}
