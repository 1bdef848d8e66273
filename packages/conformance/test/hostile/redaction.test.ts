import { describe, expect, it } from 'vitest';
import { redact, redactText } from '../../src/index.js';
import { echoedForms } from '../support/echo-forms.js';

const KEY = 'tns_k3y"\\/+Zq&é9';

describe('redaction of a key in other encodings', () => {
  it.each(Object.entries(echoedForms(KEY)))('scrubs the %s form', (_, form) => {
    const scrubbed = redactText(`error: ${form} (end)`, [KEY]);
    expect(scrubbed).not.toContain(form);
    expect(scrubbed).toMatch(/^error: .*\*\*\*.* \(end\)$/);
    // What is left around the mask is the encoding's wrapper, never a part of the key.
    expect(scrubbed.replace(/\*\*\*/g, '')).not.toMatch(/k3y|Zq/);
  });

  it('scrubs every form inside a nested value, keys of objects included', () => {
    const forms = Object.values(echoedForms(KEY));
    const value = {
      list: forms.map((f) => `said ${f}`),
      [Buffer.from(`Bearer ${KEY}`).toString('base64')]: 1,
    };
    const out = JSON.stringify(redact(value, [KEY]));
    for (const form of forms) expect(out).not.toContain(form);
  });

  it('replaces a key only where it stands as a whole token', () => {
    expect(redactText('invalid a key, "a" banana ba', ['a'])).toBe('invalid *** key, "***" banana ba');
    expect(redactText('a YQ== Bearer QmVhcmVyIGE=', ['a'])).toBe('*** *** Bearer ***');
    // The hex of a one-letter key is an ordinary number: left alone.
    expect(redactText('took 61 ms, status 400', ['a'])).toBe('took 61 ms, status 400');
    expect(redactText('sk-abc123 and xabc123 and abc1234', ['abc123'])).toBe(
      'sk-*** and xabc123 and abc1234',
    );
    expect(redactText('plain words: RGVhciBzaXI= and 3q2+7w==', ['tns_abcdefgh'])).toBe(
      'plain words: RGVhciBzaXI= and 3q2+7w==',
    );
  });
});
