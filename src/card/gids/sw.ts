/**
 * The GIDS status-word table (card-layer model: `sw-table.ts`). GIDS uses the ISO/IEC 7816-4
 * §5.1.3 status words; this table states what they mean on a GIDS card, as docs/gids.md records it
 * from GIDS v2.0, the Windows minidriver pages and GidsApplet. Any other status word falls back to
 * the ISO table.
 */
import type { CardSwTable } from '../sw-table';

export const GIDS_SW: CardSwTable = {
  name: 'GIDS v2.0',
  rules: [
    {
      sw: 0x63c0,
      mask: 0xfff0,
      condition: 'tries-left',
      meaning: 'Wrong PIN, SW2 low nibble = tries left (VERIFY, docs/gids.md "PIN and admin key")',
    },
    { sw: 0x6983, condition: 'blocked', meaning: 'PIN blocked (VERIFY, docs/gids.md "PIN and admin key")' },
    {
      sw: 0x6982,
      condition: 'security-status',
      meaning:
        'Admin key not authenticated, or the admin-key response was wrong (docs/gids.md "Admin authentication")',
    },
    {
      sw: 0x6985,
      condition: 'conditions-not-satisfied',
      meaning: 'No admin-key challenge outstanding (GidsApplet GENERAL AUTHENTICATE)',
    },
    {
      sw: 0x6a88,
      condition: 'not-found',
      meaning: 'The data object is not in this EF (GET DATA, docs/gids.md "Reading data objects")',
    },
  ],
};
