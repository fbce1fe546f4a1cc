/**
 * Each flow's dependency graph (drawn in docs/flow-timing.md): nodes are CM calls (one request
 * delay each) and card steps (n APDUs each); an edge means "needs the answer of". The bound is the
 * longest path at given delays — what no client can beat with these calls on this card.
 */
export type FlowName =
  | 'server-proposed PIN'
  | 'unblock'
  | 'retire'
  | 'GIDS enrollment'
  | 'GIDS enroll, server PIN'
  | 'PIV enrollment'
  | 'PIV enroll, short APDUs'
  | 'home status'
  | 'change PIN'
  | 'renew';

export interface GraphNode {
  /** A CM call (`GET /…`) or a card step (`card: …`). */
  id: string;
  /** APDUs of a card step; absent for a CM call. */
  apdus?: number;
  after?: string[];
}

/**
 * Longest path through `g`: CM calls cost `http` ms, card steps `apdus × apdu` ms, each node plus
 * its `extra` ms (measured server or card processing, flow-latency/compute.ts) when given.
 */
export function bound(
  g: readonly GraphNode[],
  http: number,
  apdu: number,
  extra?: ReadonlyMap<string, number>,
): number {
  const done = new Map<string, number>();
  const finish = (n: GraphNode): number => {
    const known = done.get(n.id);
    if (known !== undefined) return known;
    const start = Math.max(0, ...(n.after ?? []).map((id) => finish(g.find((m) => m.id === id)!)));
    const end = start + (n.apdus === undefined ? http : n.apdus * apdu) + (extra?.get(n.id) ?? 0);
    done.set(n.id, end);
    return end;
  };
  return Math.max(0, ...g.map(finish));
}

const http = (id: string, ...after: string[]): GraphNode => ({ id, after });
const card = (id: string, apdus: number, ...after: string[]): GraphNode => ({ id, apdus, after });

/** Card read of a fresh session: SELECT + GET DATA cardid (GIDS A012/DF20; PIV CHUID). */
const READ = card('card: select + cardid', 2);

/** Everything an enrollment does up to a bound, approved request (policy from the enroll view). */
const enrollHead = [
  READ,
  http('GET /requests?targetuser=current'),
  http('GET /smartcards?cardid', READ.id),
  http('POST /requests', 'GET /smartcards?cardid', 'GET /requests?targetuser=current'),
  http('GET /requests/{id}', 'POST /requests'),
  http('POST /smartcards', 'GET /requests/{id}'),
  http('GET …/certificaterequestgenerationoptions', 'GET /requests/{id}'),
];

/** Admin key change and PIN in one admin authentication (the card keeps it, docs/flow-timing.md). */
const gidsKeyAndPin = (challengeAfter: string[]) => [
  http('GET …/diversifiedkey', 'POST /smartcards'),
  card('card: MSE SET + challenge', 2, 'POST /smartcards', ...challengeAfter),
  http('GET …/authenticationresponse', 'card: MSE SET + challenge'),
  card(
    'card: GENERAL AUTHENTICATE + PUT DATA key',
    2,
    'GET …/authenticationresponse',
    'GET …/diversifiedkey',
  ),
  card('card: RESET RETRY COUNTER', 1, 'card: GENERAL AUTHENTICATE + PUT DATA key'),
];

/** GIDS certificate stage: one VERIFY for generation and signature, one for the write. */
const gidsCerts = (after: string) => [
  // VERIFY; masterfile, cmapfile, key map; SELECT, CREATE, ACTIVATE key file; cardcf read + write;
  // key map + cmapfile write; GENERATE (+2 GET RESPONSE); SELECT + public key (+1 GET RESPONSE)
  card('card: VERIFY + create container + GENERATE', 17, after, 'GET …/certificaterequestgenerationoptions'),
  card('card: MSE SET + PSO sign', 2, 'card: VERIFY + create container + GENERATE'),
  http('POST …/certificatedata', 'card: MSE SET + PSO sign'),
  // VERIFY; cardcf read + write, masterfile write, cardcf read + write; EF.ATR; 4 chained PUT DATA;
  // read back (GET DATA + 3 GET RESPONSE)
  card('card: VERIFY + write + read back certificate', 15, 'POST …/certificatedata'),
  http('PUT /requests/{id} Completed', 'card: VERIFY + write + read back certificate'),
];

/**
 * PIV enrollment; `extended`: the ATR declares extended length (YubiKey 5), so the public key, the
 * RSA-2048 signature and the certificate read back come in one response each and the signature
 * input and the certificate go in one command; otherwise answers need GET RESPONSE rounds (61xx)
 * and long commands are chained (GENERAL AUTHENTICATE 2, PUT DATA 4 for a 1 KB certificate).
 */
function pivEnroll(extended: boolean): GraphNode[] {
  const [generate, sign, install] = extended ? [2, 1, 3] : [3, 3, 9];
  return [
    READ,
    http('GET /requests?targetuser=current'),
    http('GET /smartcards?cardid', READ.id),
    // PIV keeps its PIN: VERIFY while the card is looked up, before the request exists (a typo
    // leaves no orphan request)
    card('card: VERIFY', 1, READ.id),
    http('POST /requests', 'GET /smartcards?cardid', 'GET /requests?targetuser=current', 'card: VERIFY'),
    http('GET /requests/{id}', 'POST /requests'),
    http('POST /smartcards', 'GET /requests/{id}'),
    http('GET …/certificaterequestgenerationoptions', 'GET /requests/{id}'),
    http('GET …/diversifiedkey', 'POST /smartcards'),
    card('card: 9B metadata + witness', 2, 'POST /smartcards'),
    http('GET …/authenticationresponse', 'card: 9B metadata + witness'),
    card('card: 9B response + SET MANAGEMENT KEY', 2, 'GET …/authenticationresponse', 'GET …/diversifiedkey'),
    // the card keeps the 9B authentication (docs/piv.md): VERIFY + GENERATE
    card(
      'card: VERIFY + GENERATE 9A',
      generate,
      'card: 9B response + SET MANAGEMENT KEY',
      'GET …/certificaterequestgenerationoptions',
    ),
    card('card: GENERAL AUTHENTICATE sign', sign, 'card: VERIFY + GENERATE 9A'),
    http('POST …/certificatedata', 'card: GENERAL AUTHENTICATE sign'),
    // new transaction after the CA call: VERIFY, PUT DATA, read back
    card('card: VERIFY + PUT DATA + read back', install, 'POST …/certificatedata'),
    http('PUT /requests/{id} Completed', 'card: VERIFY + PUT DATA + read back'),
  ];
}

export const GRAPHS: Record<FlowName, GraphNode[]> = {
  'server-proposed PIN': [
    READ,
    http('GET /requests?targetuser=current'),
    http('GET /smartcards?cardid', READ.id),
    http('GET …/configuration/smartcards', 'GET /smartcards?cardid'),
    http('POST /requests', 'GET /smartcards?cardid', 'GET /requests?targetuser=current'),
    http('GET /requests/{id}', 'POST /requests'),
    card('card: challenge for serverproposedpin', 2, READ.id),
    http('GET …/serverproposedpin', 'GET /requests/{id}', 'card: challenge for serverproposedpin'),
    // the user confirms; then one card transaction
    card('card: MSE SET + challenge', 2, 'GET …/serverproposedpin'),
    http('GET …/authenticationresponse', 'card: MSE SET + challenge', 'GET …/configuration/smartcards'),
    card('card: GENERAL AUTHENTICATE + RESET RETRY COUNTER', 2, 'GET …/authenticationresponse'),
    http('PUT /requests/{id} Completed', 'card: GENERAL AUTHENTICATE + RESET RETRY COUNTER'),
  ],
  unblock: [
    READ,
    http('GET /requests?targetuser=current'),
    http('GET /smartcards?cardid', READ.id),
    http('GET …/configuration/smartcards', 'GET /smartcards?cardid'),
    http('POST /requests', 'GET /smartcards?cardid', 'GET /requests?targetuser=current'),
    http('GET /requests/{id}', 'POST /requests'),
    // the user types the new PIN; then one card transaction
    card('card: MSE SET + challenge', 2, 'GET /requests/{id}'),
    http('GET …/authenticationresponse', 'card: MSE SET + challenge', 'GET …/configuration/smartcards'),
    card('card: GENERAL AUTHENTICATE + RESET RETRY COUNTER', 2, 'GET …/authenticationresponse'),
    http('PUT /requests/{id} Completed', 'card: GENERAL AUTHENTICATE + RESET RETRY COUNTER'),
  ],
  retire: [
    READ,
    http('GET /requests?targetuser=current'),
    http('GET /smartcards?cardid', READ.id),
    http('POST /requests', 'GET /smartcards?cardid', 'GET /requests?targetuser=current'),
    http('GET /requests/{id}', 'POST /requests'),
    http('PUT /requests/{r}/smartcards/{s} Retired', 'GET /requests/{id}'),
    http('PUT /requests/{id} Completed', 'PUT /requests/{r}/smartcards/{s} Retired'),
  ],
  'GIDS enrollment': [...enrollHead, ...gidsKeyAndPin([]), ...gidsCerts('card: RESET RETRY COUNTER')],
  'GIDS enroll, server PIN': [
    ...enrollHead,
    card('card: challenge for serverproposedpin', 2, READ.id),
    http('GET …/serverproposedpin', 'POST /smartcards', 'card: challenge for serverproposedpin'),
    ...gidsKeyAndPin(['GET …/serverproposedpin']), // the transaction starts after the confirmation
    ...gidsCerts('card: RESET RETRY COUNTER'),
  ],
  'PIV enrollment': pivEnroll(true),
  'PIV enroll, short APDUs': pivEnroll(false),
  'home status': [
    READ,
    http('GET /profiletemplates'),
    http('GET /certificates'),
    http('GET /smartcards?cardid', READ.id),
    http('GET /smartcards/{id}/operations', 'GET /smartcards?cardid'),
    http('GET /smartcards/{id}/certificates', 'GET /smartcards?cardid'),
  ],
  'change PIN': [
    READ,
    card('card: PIN status', 1, READ.id),
    http('GET /smartcards?cardid', READ.id),
    http('GET …/configuration/smartcards', 'GET /smartcards?cardid'),
    card('card: CHANGE REFERENCE DATA', 1, 'GET …/configuration/smartcards', 'card: PIN status'),
  ],
  renew: [
    READ,
    card('card: VERIFY', 1, READ.id),
    http('GET /requests?targetuser=current'),
    http('GET /smartcards?cardid', READ.id),
    http('GET …/configuration/smartcards', 'GET /smartcards?cardid'),
    http('POST /requests', 'GET /smartcards?cardid', 'GET /requests?targetuser=current', 'card: VERIFY'),
    http('GET /requests/{id}', 'POST /requests'),
    http('GET …/certificaterequestgenerationoptions', 'GET /requests/{id}'),
    // as enrollment's 17, plus the in-service check of the new slot for an old key (SELECT +
    // public key read) that lets a resume tell a key generated before a cut from the old one
    card(
      'card: VERIFY + GENERATE',
      19,
      'GET …/certificaterequestgenerationoptions',
      'GET …/configuration/smartcards',
    ),
    card('card: MSE SET + PSO sign', 2, 'card: VERIFY + GENERATE'),
    http('POST …/certificatedata', 'card: MSE SET + PSO sign'),
    card('card: VERIFY + write + read back certificate', 15, 'POST …/certificatedata'),
    http('PUT /requests/{id} Completed', 'card: VERIFY + write + read back certificate'),
  ],
};
