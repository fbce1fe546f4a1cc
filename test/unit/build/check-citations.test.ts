import { describe, expect, it } from 'vitest';
// @ts-expect-error -- plain ESM script without type declarations
import { findCitations } from '../../../scripts/check-citations.mjs';

const hits = (line: string): string[] => (findCitations as (p: string, t: string) => string[])('x.ts', line);

describe('check-citations (npm run lint)', () => {
  it.each([
    ' * Wire format (cm-rest-api.md §1.9).',
    // The repository's page has its own name, so a note's name never reads as a page of docs/.
    ' * Wire format (docs/cm-rest-api.md "JSON conventions").',
    ' * See reference/card-protocols.md §1.2',
    ' * (ARCHITECTURE.md "Secrets")',
    ' * facts in ../shared/reference/desktop-bridge.md',
    ' * Progress of a running flow (issue 7 "the four flows"):',
    ' * Issue 9 acceptance, in real Chromium',
    ' * (issues 7 and 9)',
    ' * fixed in #12',
    ' * polled with GetSlotStatus (reference §3.6)',
  ])('flags %s', (line) => {
    expect(hits(line)).not.toEqual([]);
  });

  it.each([
    ' * Wire format (docs/mim-cm-api.md "JSON conventions").',
    ' * see [the CM notes](./mim-cm-api.md)',
    ' * a certs-only PKCS#7 and PKCS#10 request',
    ' * WebUSB transfers have no timeout (whatwg/usb#25)',
    '    color: #595959;',
    ' * ISO/IEC 7816-4 §11.2, CCID 1.1 §6.1.4, NIST SP 800-73-4 Part 2 §3.2.4',
  ])('lets %s pass', (line) => {
    expect(hits(line)).toEqual([]);
  });

  it('flags a docs/ page that does not exist, and only that one', () => {
    const exists = (p: string) => p === 'docs/gids.md';
    const find = findCitations as (p: string, t: string, e: (p: string) => boolean) => string[];
    expect(find('x.ts', ' * see docs/gids.md "Admin authentication"', exists)).toEqual([]);
    expect(find('x.ts', ' * see docs/gidz.md', exists)).toEqual([
      'x.ts:1: * see docs/gidz.md  (docs/gidz.md does not exist)',
    ]);
  });
});
