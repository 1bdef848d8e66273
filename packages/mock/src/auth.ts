import { type Credentials, credentialsFor, describeRequest, type VendorFacts } from '@modelspecs/spec-tools';

/** What a request needs to satisfy one security alternative of a spec. */
export type MockCredentials = Credentials;

/** Any non-empty value satisfies a Prism mock; this one is recognisable in logs and docs. */
export const MOCK_KEY = 'mock-key';

/** Credentials for each security alternative of the spec, in its order (each scheme of an alternative sent together). */
export function credentialAlternatives(facts: VendorFacts, value: string = MOCK_KEY): MockCredentials[] {
  return facts.security.map((alternative) => credentialsFor(facts.securitySchemes, alternative, value));
}

/** `Authorization: Bearer <key>`, `X-Api-Key: <key>`, `?api_key=<key>`; the schemes of one alternative joined by ` + `. */
export function describeAlternatives(facts: VendorFacts): string[] {
  return facts.security.map((alternative) => describeRequest(facts.securitySchemes, alternative));
}
