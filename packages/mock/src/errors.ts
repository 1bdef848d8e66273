/** A port a mock needs is taken. Carries what the message names, so callers can react without parsing it. */
export class PortInUseError extends Error {
  readonly slug: string;
  readonly host: string;
  readonly port: number;

  constructor(slug: string, host: string, port: number, hint: string) {
    super(`Port ${port} on ${host}, wanted by the ${slug} mock, is already in use. ${hint}`);
    this.name = 'PortInUseError';
    this.slug = slug;
    this.host = host;
    this.port = port;
  }
}

/** A mock's Prism process exited (or never answered) before it was ready. */
export class MockStartError extends Error {
  readonly slug: string;

  constructor(slug: string, reason: string) {
    super(`The ${slug} mock failed to start: ${reason}`);
    this.name = 'MockStartError';
    this.slug = slug;
  }
}
