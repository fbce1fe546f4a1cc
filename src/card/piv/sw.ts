/**
 * The PIV status-word table (card-layer model: `sw-table.ts`): the status words NIST SP 800-73-4
 * Part 2 §3 lists for each PIV card command, with the wording of those clauses. Status words the
 * PIV commands do not list (6D00 for an absent Yubico extension, 6700, …) fall back to the ISO/IEC
 * 7816-4 §5.1.3 table.
 */
import type { CardSwTable } from '../sw-table';

export const PIV_SW: CardSwTable = {
  name: 'NIST SP 800-73-4',
  rules: [
    {
      sw: 0x63c0,
      mask: 0xfff0,
      condition: 'tries-left',
      meaning: 'Verification failed, SW2 low nibble = further retries allowed (Part 2 §3.2.1 VERIFY)',
    },
    {
      sw: 0x6983,
      condition: 'blocked',
      meaning: 'Authentication method blocked, retry counter is zero (Part 2 §3.2.1–§3.2.3)',
    },
    {
      sw: 0x6982,
      condition: 'security-status',
      meaning: 'Security condition not satisfied (Part 2 §3.2.4 GENERAL AUTHENTICATE, §3.3 key management)',
    },
    {
      sw: 0x6a80,
      condition: 'wrong-data',
      meaning: 'Incorrect parameter in the command data field (Part 2 §3.2.4 GENERAL AUTHENTICATE)',
    },
    {
      sw: 0x6a82,
      condition: 'not-found',
      meaning: 'Application or data object not found (Part 2 §3.1.1 SELECT, §3.1.2 GET DATA)',
    },
    {
      sw: 0x6a84,
      condition: 'no-memory',
      meaning: 'Not enough memory for the data object (Part 2 §3.3.1 PUT DATA)',
    },
    {
      sw: 0x6a86,
      condition: 'wrong-p1p2',
      meaning: 'Incorrect parameter in P1 or P2: algorithm or key reference (Part 2 §3.2.4, §3.3.2)',
    },
    {
      sw: 0x6a88,
      condition: 'not-found',
      meaning: 'Key reference or data not found (Part 2 §3.2.1 VERIFY, §3.3.2 GENERATE)',
    },
  ],
};
