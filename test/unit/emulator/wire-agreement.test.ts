/**
 * The emulator keeps its own wire code (emulator/wire-codec.ts, wire-enums.ts, wire-types.ts), so a
 * client bug is not mirrored by the emulator; here the two encodings are held to the documented
 * examples of the MIM CM REST API pages and to each other.
 */
import { describe, expect, it } from 'vitest';
import * as client from '../../../src/cm/codec';
import { bytesToBase64 } from '../../../src/common/base64';
import * as cenums from '../../../src/cm/enums';
import * as emu from '../../../emulator/wire-codec';
import * as eenums from '../../../emulator/wire-enums';

describe('enumerations: emulator tables = client tables = documented numbers', () => {
  it.each([
    ['REQUEST_TYPES', cenums.REQUEST_TYPES, eenums.REQUEST_TYPES],
    ['REQUEST_STATUSES', cenums.REQUEST_STATUSES, eenums.REQUEST_STATUSES],
    ['SMARTCARD_STATUSES', cenums.SMARTCARD_STATUSES, eenums.SMARTCARD_STATUSES],
    ['PROFILE_STATUSES', cenums.PROFILE_STATUSES, eenums.PROFILE_STATUSES],
    ['USER_PIN_OPTIONS', cenums.USER_PIN_OPTIONS, eenums.USER_PIN_OPTIONS],
    ['PIN_CHARACTER_SETS', cenums.PIN_CHARACTER_SETS, eenums.PIN_CHARACTER_SETS],
  ] as const)('%s', (_, c, e) => {
    expect({ ...e }).toEqual({ ...c });
  });

  it('policy types and the server-generated PIN rule agree', () => {
    expect([...eenums.POLICY_TYPES]).toEqual([...cenums.POLICY_TYPES]);
    for (let o = -1; o <= 6; o++)
      expect(eenums.isServerGeneratedPin(o), `UserPinOption ${o}`).toBe(cenums.isServerGeneratedPin(o));
  });

  it('the numbers the examples pin down (get-request, get-smartcard-data, get-profiles, get-smartcard-policy)', () => {
    for (const t of [cenums, eenums]) {
      expect([t.REQUEST_TYPES.Enroll, t.REQUEST_TYPES.Unblock]).toEqual([1, 5]);
      expect([t.REQUEST_STATUSES.Approved, t.REQUEST_STATUSES.Completed]).toEqual([3, 8]);
      expect([
        t.SMARTCARD_STATUSES.Assigned,
        t.SMARTCARD_STATUSES.Active,
        t.SMARTCARD_STATUSES.Retired,
      ]).toEqual([2, 3, 6]);
      expect(t.PROFILE_STATUSES.Active).toBe(2);
      expect(t.isServerGeneratedPin(3)).toBe(true); // the example template: UserPinOption 3, server-proposed PIN served
    }
  });
});

describe('codec: emulator and client read the documented spellings alike', () => {
  const GUIDS: [string, string][] = [
    ['{bc88f13f-83ba-4037-8262-46eba1291c6e}', 'bc88f13f-83ba-4037-8262-46eba1291c6e'], // SerialNumber (get-smartcard-data)
    ['97CD65FA-AF4B-4587-9309-0DD6BFD8B4E1', '97cd65fa-af4b-4587-9309-0dd6bfd8b4e1'], // upper case in the request examples
    [' 17cf063d-e337-4aa9-a822-346554ddd3c9', '17cf063d-e337-4aa9-a822-346554ddd3c9'], // leading space (walkthrough step 14)
    ['00000000-0000-0000-0000-000000000000', emu.EMPTY_GUID],
  ];
  it.each(GUIDS)('GUID %j', (raw, want) => {
    expect(emu.normalizeGuid(raw)).toBe(want);
    expect(client.normalizeGuid(raw)).toBe(want);
  });

  it.each([
    '',
    'not-a-guid',
    '{bc88f13f-83ba-4037-8262-46eba1291c6e',
    'bc88f13f83ba4037826246eba1291c6e',
    'bc88f13f-83ba-4037-8262-46eba1291c6',
  ])('both refuse %j', (raw) => {
    expect(emu.isGuid(raw)).toBe(false);
    expect(client.isGuid(raw)).toBe(false);
  });

  // get-smartcard-admin-key-response (challenge → response) and get-smartcard-diversified-admin-key examples.
  it.each([
    '1hFD+cz/0so=',
    'F0Zudm4wPLY=',
    'mBVA+HopB/gc+6FuKsQqx+OX01hK1WQI',
    'MIIUhgYJKoZIhvcNAQcCoIIU\r\nd3d3',
  ])('base64 %j decodes and re-encodes alike', (b64) => {
    const a = emu.base64ToBytes(b64);
    expect(Buffer.from(a).toString('hex')).toBe(Buffer.from(client.base64ToBytes(b64)).toString('hex'));
    expect(emu.bytesToBase64(a)).toBe(bytesToBase64(a));
    expect(emu.bytesToBase64(a)).toBe(b64.replace(/\r\n/g, ''));
  });

  it.each(['CFAA62118BBD25', 'abc', 'ab=c', '1hFD+cz/0so'])(
    'both refuse %j as base64 (the walkthrough prints hex, not base64)',
    (bad) => {
      expect(() => emu.base64ToBytes(bad)).toThrow();
      expect(() => client.base64ToBytes(bad)).toThrow();
    },
  );

  it('the TPM virtual smart card ATR (assign-smartcard-to-request) in its stored form', () => {
    const printed = '3B 8D 01 80 FB A0 00 00 03 97 42 54 46 59 03 01 C8';
    expect(emu.atrToHex(printed)).toBe('3b8d0180fba000000397425446590301c8');
    expect(client.atrToHex(printed)).toBe('3b8d0180fba000000397425446590301c8');
    for (const bad of ['', '3b8', 'zz']) {
      expect(() => emu.atrToHex(bad)).toThrow();
      expect(() => client.atrToHex(bad)).toThrow();
    }
  });

  it('hex keys (DefaultAdminKeyHex) decode alike', () => {
    const key = '010203040506070801020304050607080102030405060708';
    expect(Buffer.from(emu.hexToBytes(key.toUpperCase())).toString('hex')).toBe(key);
    expect(Buffer.from(client.hexToBytes(key.toUpperCase())).toString('hex')).toBe(key);
    expect(() => emu.hexToBytes('abc')).toThrow();
    expect(() => client.hexToBytes('abc')).toThrow();
  });
});

describe('independence', () => {
  it("no emulator module imports the client's CM code (src/cm)", async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const offenders = readdirSync('emulator')
      .filter((f) => f.endsWith('.ts'))
      .filter((f) => /from\s+['"][./]*src\/cm\b/.test(readFileSync(`emulator/${f}`, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
