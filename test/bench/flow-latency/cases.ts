/**
 * The flows the latency bench runs, each from a freshly inserted card to its end, with no user
 * think time (a confirmation resolves at once). `registered`: the card is enrolled first (at full
 * speed, outside the measurement) with a user-chosen or a server-proposed-PIN template.
 */
import { detectCard } from '../../../src/card';
import {
  getEnrollPolicy,
  type EnrollPolicy,
  changePin,
  enrollCard,
  prepareUnblock,
  renewCertificates,
  retireCard,
  startServerProposedPin,
} from '../../../src/flows';
import { cardIdToGuid } from '../../../src/card';
import { CardLookup } from '../../../src/flows/card-overview';
import { TPL_SERVER_PIN, TPL_USER_PIN, type World } from '../../unit/flows/harness';
import { fromHex } from '../../../src/iso7816/hex';
import type { FlowName } from './graphs';

/** IDEMIA Cosmo V8 PIV (docs/piv.md "ATRs"): no card capabilities, so short APDUs only. */
const NO_CAPABILITIES_ATR = fromHex('3B D6 97 00 81 B1 FE 45 1F 87 80 31 C1 52 41 12 23');

export interface FlowCase {
  card: 'gids' | 'piv';
  /** PIV: the card's ATR (default the YubiKey 5's, which declares extended length). */
  atr?: Uint8Array;
  registered?: 'user' | 'server';
  /** Before the measurement: what the view already has when the flow starts. */
  prepare?(w: World): Promise<unknown>;
  run(w: World, prepared: unknown): Promise<void>;
}

/** The enroll view's policy for the form (enroll-view.ts passes it to enrollCard). */
const viewPolicy = (tpl: string) => (w: World) => getEnrollPolicy(w.cm, tpl);

export const FLOW_CASES: Record<FlowName, FlowCase> = {
  'server-proposed PIN': {
    card: 'gids',
    registered: 'server',
    async run(w) {
      const r = await startServerProposedPin(w.deps());
      if (r.kind !== 'proposed') throw new Error(`unexpected ${r.kind}`);
      await r.apply();
    },
  },
  unblock: {
    card: 'gids',
    registered: 'user',
    run: async (w) => (await prepareUnblock(w.deps())).run('24682468'),
  },
  retire: {
    card: 'gids',
    registered: 'user',
    run: async (w) => void (await retireCard(w.deps(), { confirm: true })),
  },
  'GIDS enrollment': {
    card: 'gids',
    prepare: viewPolicy(TPL_USER_PIN),
    run: async (w, policy) =>
      void (await enrollCard(w.deps(), {
        profileTemplateUuid: TPL_USER_PIN,
        policy: policy as EnrollPolicy,
        dataCollection: { 'Request Reason': 'bench' },
        userPin: '12345678',
      })),
  },
  'GIDS enroll, server PIN': {
    card: 'gids',
    prepare: viewPolicy(TPL_SERVER_PIN),
    run: async (w, policy) =>
      void (await enrollCard(w.deps(), {
        profileTemplateUuid: TPL_SERVER_PIN,
        policy: policy as EnrollPolicy,
        dataCollection: {},
        confirmProposedPin: async () => true,
      })),
  },
  'PIV enrollment': {
    card: 'piv',
    prepare: viewPolicy(TPL_USER_PIN),
    run: async (w, policy) =>
      void (await enrollCard(w.deps(), {
        profileTemplateUuid: TPL_USER_PIN,
        policy: policy as EnrollPolicy,
        dataCollection: { 'Request Reason': 'bench' },
        cardPin: '123456',
      })),
  },
  'PIV enroll, short APDUs': {
    card: 'piv',
    atr: NO_CAPABILITIES_ATR,
    prepare: viewPolicy(TPL_USER_PIN),
    run: async (w, policy) =>
      void (await enrollCard(w.deps(), {
        profileTemplateUuid: TPL_USER_PIN,
        policy: policy as EnrollPolicy,
        dataCollection: { 'Request Reason': 'bench' },
        cardPin: '123456',
      })),
  },
  'home status': {
    card: 'gids',
    registered: 'user',
    async run(w) {
      // From insertion: the home view's prefetch while the card session detects the card and
      // reads its id, then the lookup (home-view.ts onSession).
      const lookup = new CardLookup(w.cm, w.store);
      lookup.prefetch();
      const d = await detectCard(w.conn);
      if (d.type === 'unknown') throw new Error('card not detected');
      const cardId = cardIdToGuid(await d.card.readCardId());
      const o = await lookup.lookup(
        { readerName: 'bench', atrHex: '', atrLines: [], type: d.type, cardId },
        d.card.capabilities,
      );
      if (!o.status || !o.verdicts) throw new Error('lookup incomplete');
    },
  },
  'change PIN': {
    card: 'gids',
    registered: 'user',
    run: (w) => changePin(w.deps(), { oldPin: '11223344', newPin: '87654321' }),
  },
  renew: {
    card: 'gids',
    registered: 'user',
    run: async (w) => void (await renewCertificates(w.deps(), { type: 'Renew', cardPin: '11223344' })),
  },
};
