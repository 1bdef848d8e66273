import type { VendorFacts } from '@modelspecs/spec-tools';

/** What a request needs to satisfy one security alternative of a spec. */
export interface MockCredentials {
  headers: Record<string, string>;
  query: Record<string, string>;
}

/** Any non-empty value satisfies a Prism mock; this one is recognisable in logs and docs. */
export const MOCK_KEY = 'mock-key';

type Scheme = VendorFacts['securitySchemes'][string];

function credentialFor(
  scheme: Scheme,
  value: string,
): { in: 'header' | 'query'; name: string; value: string } {
  if (scheme.type === 'http') {
    const encoded = scheme.scheme === 'basic' ? Buffer.from(`${value}:`).toString('base64') : value;
    return {
      in: 'header',
      name: 'Authorization',
      value: `${scheme.scheme === 'basic' ? 'Basic' : 'Bearer'} ${encoded}`,
    };
  }
  return { in: scheme.in, name: scheme.name, value };
}

/** Credentials for each security alternative of the spec, in its order (each scheme of an alternative sent together). */
export function credentialAlternatives(facts: VendorFacts, value: string = MOCK_KEY): MockCredentials[] {
  return facts.security.map((names) => {
    const credentials: MockCredentials = { headers: {}, query: {} };
    for (const name of names) {
      const scheme = facts.securitySchemes[name];
      if (!scheme) continue;
      const part = credentialFor(scheme, value);
      (part.in === 'header' ? credentials.headers : credentials.query)[part.name] = part.value;
    }
    return credentials;
  });
}

/** `Authorization: Bearer <key>`, `X-Api-Key: <key>`, `?api_key=<key>`; the schemes of one alternative joined by ` + `. */
export function describeAlternatives(facts: VendorFacts): string[] {
  return facts.security.map((names) =>
    names
      .map((name) => {
        const scheme = facts.securitySchemes[name];
        if (!scheme) return name;
        if (scheme.type === 'http')
          return `Authorization: ${scheme.scheme === 'basic' ? 'Basic' : 'Bearer'} <key>`;
        return scheme.in === 'header' ? `${scheme.name}: <key>` : `?${scheme.name}=<key>`;
      })
      .join(' + '),
  );
}
