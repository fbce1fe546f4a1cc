/**
 * Processing time the client cannot remove, attributed to the nodes of a flow's dependency graph:
 * each CM request's server handling (time inside the emulator's `handle` minus the configured
 * latency) and each APDU's card processing (time inside the virtual card's `process`, the APDU
 * delay excluded). Measured in the same run as the wall time; the bound that adds them
 * (`bound(g, http, apdu, extra)`) is what no client can beat against this server and this card.
 */
import type { GraphNode } from './graphs';

/** One CM request as the emulator saw it: `path` below the API prefix, with its query. */
export interface ServerTime {
  method: string;
  path: string;
  ms: number;
}

/** Card processing of the APDUs a flow sent, in the order the card received them. */
export type CardTimes = number[];

export interface Attribution {
  /** Node id → measured processing ms (server for a CM call, card for a card step). */
  extra: Map<string, number>;
  /**
   * `sequential`: the graph's card steps, in their listed order, took the APDUs one after another
   * (the card lock serialises them) and their counts add up to the APDUs sent; `average`: counts
   * differ, so each step gets its APDU count × the flow's mean card time per APDU.
   */
  cardMapping: 'sequential' | 'average';
  /** CM requests that matched no node of the graph (their time is in no bound). */
  unmatched: string[];
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Whether a CM request is the graph node `id` (`GET /smartcards?cardid`, `POST …/certificatedata`,
 * `PUT /requests/{id} Completed`): same method; the path pattern with `…` for any prefix and
 * `{x}` for one segment matches the whole path; every query part the id names is in the query.
 */
export function matchesNode(id: string, method: string, path: string): boolean {
  const m = /^(GET|POST|PUT|DELETE) (\S+)/.exec(id);
  if (!m || m[1] !== method) return false;
  const [pathPat, queryPat] = m[2]!.split('?');
  const [actualPath, actualQuery = ''] = path.split('?');
  const re = new RegExp(
    '^' +
      escape(pathPat!)
        .replace(/…/g, '.*')
        .replace(/\\\{[^}]*\\\}/g, '[^/]+') +
      '$',
  );
  if (!re.test(actualPath!)) return false;
  const query = actualQuery.toLowerCase().split('&');
  return (queryPat ?? '')
    .toLowerCase()
    .split('&')
    .filter(Boolean)
    .every((q) => query.some((a) => a === q || a.startsWith(q.includes('=') ? q : `${q}=`)));
}

/**
 * Attributes measured server and card time to the nodes of `g`. A CM node gets the sum over the
 * requests that match it (first matching node wins; a node called twice pays both). Card steps:
 * see `Attribution.cardMapping`.
 */
export function attribute(g: readonly GraphNode[], server: ServerTime[], card: CardTimes): Attribution {
  const extra = new Map<string, number>();
  const add = (id: string, ms: number) => extra.set(id, (extra.get(id) ?? 0) + ms);
  const cmNodes = g.filter((n) => n.apdus === undefined);
  const unmatched: string[] = [];
  for (const s of server) {
    const node = cmNodes.find((n) => matchesNode(n.id, s.method, s.path));
    if (node) add(node.id, s.ms);
    else unmatched.push(`${s.method} ${s.path}`);
  }
  const steps = g.filter((n) => n.apdus !== undefined);
  const counted = steps.reduce((sum, n) => sum + n.apdus!, 0);
  if (counted === card.length) {
    let i = 0;
    for (const n of steps) {
      add(
        n.id,
        card.slice(i, i + n.apdus!).reduce((a, b) => a + b, 0),
      );
      i += n.apdus!;
    }
    return { extra, cardMapping: 'sequential', unmatched };
  }
  const mean = card.length ? card.reduce((a, b) => a + b, 0) / card.length : 0;
  for (const n of steps) add(n.id, n.apdus! * mean);
  return { extra, cardMapping: 'average', unmatched };
}
