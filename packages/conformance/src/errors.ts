/** Nothing answers at the target's address (refused, unknown host): the run stops, naming the URL. */
export class TargetUnreachableError extends Error {
  readonly url: string;

  constructor(url: string, cause: string) {
    super(`Cannot reach ${url}: ${cause}. Is the server running, and is the base URL right?`);
    this.name = 'TargetUnreachableError';
    this.url = url;
  }
}
