import { Buffer } from 'node:buffer';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bytesToBase64,
  bytesToBase64Lines,
  bytesToBase64Url,
  decodeBase64,
  decodeBase64Url,
} from '../../../src/common/base64';

// Node's Buffer is the independent oracle: RFC 4648 §4/§5 as implemented by Node.
const bytes = fc.uint8Array({ maxLength: 300 });

describe('base64 (RFC 4648 §4)', () => {
  it('encodes as Buffer does and decodes back (property)', () => {
    fc.assert(
      fc.property(bytes, (b) => {
        const text = bytesToBase64(b);
        expect(text).toBe(Buffer.from(b).toString('base64'));
        expect(decodeBase64(text)).toEqual(b);
      }),
      { numRuns: 60 },
    );
  });

  it('encodes blobs longer than one encoder chunk (0x8000 bytes) whole', () => {
    for (const n of [0x7fff, 0x8000, 0x8001, 0x18003]) {
      const b = Uint8Array.from({ length: n }, (_, i) => (i * 7) & 0xff);
      expect(bytesToBase64(b)).toBe(Buffer.from(b).toString('base64'));
    }
  });

  it('refuses anything but canonical padded text', () => {
    for (const bad of [
      'CFAA62118BBD25',
      'abc',
      'ab=c',
      '1hFD+cz/0so',
      'AA=',
      'A===',
      'AA==AA==',
      ' AA==',
      'AA-_',
    ])
      expect(decodeBase64(bad), bad).toBeUndefined();
    expect(decodeBase64('AA==\r\nAA==')).toBeUndefined();
  });

  it('wraps at 64 with CRLF, and reads the wrapped form only when asked to', () => {
    const der = Uint8Array.from({ length: 200 }, (_, i) => i);
    const wrapped = bytesToBase64Lines(der);
    const lines = wrapped.split('\r\n');
    expect(lines.slice(0, -1).every((l) => l.length === 64)).toBe(true);
    expect(lines.join('')).toBe(Buffer.from(der).toString('base64'));
    expect(decodeBase64(wrapped)).toBeUndefined();
    expect(decodeBase64(wrapped, { lineBreaks: true })).toEqual(der);
  });
});

describe('base64url (RFC 4648 §5, unpadded)', () => {
  it('encodes as Buffer does and decodes back (property)', () => {
    fc.assert(
      fc.property(bytes, (b) => {
        const text = bytesToBase64Url(b);
        expect(text).toBe(Buffer.from(b).toString('base64url'));
        expect(decodeBase64Url(text)).toEqual(b);
      }),
      { numRuns: 60 },
    );
  });

  it('refuses the standard alphabet, padding and impossible lengths', () => {
    for (const bad of ['ab+c', 'ab/c', 'AQ==', 'A', 'AAAAA'])
      expect(decodeBase64Url(bad), bad).toBeUndefined();
  });
});
