/**
 * A small static server that behaves like IIS with the build's own `web.config`, so the e2e tier
 * tests the file we ship rather than a second, hand-kept configuration:
 * - the app is an IIS application below `base` (e.g. `/selfservice/`); nothing else is served,
 * - only extensions IIS knows out of the box or that web.config maps (`<mimeMap>`) are served;
 *   any other gets 404 like IIS's 404.3,
 * - `<customHeaders>` (site-wide and per `<location path>`) are added,
 * - the rewrite rule (not a file, not a folder, not an excluded URI → its `url`) is applied,
 * - `web.config` itself is never served (IIS refuses it too).
 * It reads the XML with regular expressions: the file is generated (build/web-config.ts) and flat.
 */
import { createServer, type Server } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';

/** The static MIME map of a default IIS 10 install that this app's files rely on. */
const IIS_DEFAULT_MIME: Record<string, string> = {
  '.html': 'text/html',
  '.css': 'text/css',
  '.js': 'application/javascript',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain',
};

interface Parsed {
  mime: Record<string, string>;
  headers: [string, string][];
  byPath: Map<string, [string, string][]>;
  rewrite?: { url: string; excluded: RegExp[]; notFile: boolean; notDir: boolean };
}

const attrs = (tag: string) =>
  Object.fromEntries(
    [...tag.matchAll(/([\w:]+)="([^"]*)"/g)].map((m) => [
      m[1]!,
      m[2]!
        .replace(/&quot;/g, '"')
        .replace(/&lt;/g, '<')
        .replace(/&amp;/g, '&'),
    ]),
  );
const headersIn = (xml: string): [string, string][] =>
  [...(xml.match(/<customHeaders>([\s\S]*?)<\/customHeaders>/)?.[1] ?? '').matchAll(/<add [^>]*>/g)].map(
    (m) => {
      const a = attrs(m[0]);
      return [a.name!, a.value!];
    },
  );

export function parseWebConfig(xml: string): Parsed {
  const locations = [...xml.matchAll(/<location path="([^"]+)">([\s\S]*?)<\/location>/g)];
  const main = locations.reduce((x, m) => x.replace(m[0], ''), xml);
  const mime = { ...IIS_DEFAULT_MIME };
  for (const m of main.matchAll(/<remove fileExtension="([^"]+)"\s*\/>/g)) delete mime[m[1]!];
  for (const m of main.matchAll(/<mimeMap [^>]*>/g)) {
    const a = attrs(m[0]);
    mime[a.fileExtension!] = a.mimeType!;
  }
  const rule = main.match(/<rule [\s\S]*?<\/rule>/)?.[0];
  let rewrite: Parsed['rewrite'];
  if (rule) {
    const conds = [...rule.matchAll(/<add input="([^"]+)"[^>]*>/g)].map((m) => attrs(m[0]));
    rewrite = {
      url: attrs(rule.match(/<action [^>]*>/)![0]).url!,
      notFile: conds.some((c) => c.matchType === 'IsFile' && c.negate === 'true'),
      notDir: conds.some((c) => c.matchType === 'IsDirectory' && c.negate === 'true'),
      excluded: conds
        .filter((c) => c.input === '{REQUEST_URI}' && c.negate === 'true')
        .map((c) => new RegExp(c.pattern!)),
    };
  }
  return {
    mime,
    headers: headersIn(main),
    byPath: new Map(locations.map((m) => [m[1]!, headersIn(m[2]!)])),
    rewrite,
  };
}

export interface IisLikeServer {
  origin: string;
  /** Requests answered, as `STATUS PATH` (for assertions on 404s). */
  log: string[];
  close(): Promise<void>;
}

/** Serves `dir` (a build output with web.config) as an IIS application at `base`. */
export async function startIisLike(dir: string, base: string): Promise<IisLikeServer> {
  const cfg = parseWebConfig(await readFile(join(dir, 'web.config'), 'utf8'));
  const log: string[] = [];
  const isFile = (p: string) =>
    stat(p).then(
      (s) => s.isFile(),
      () => false,
    );
  const isDir = (p: string) =>
    stat(p).then(
      (s) => s.isDirectory(),
      () => false,
    );
  const server: Server = createServer((req, res) => {
    void (async () => {
      const uri = req.url ?? '/';
      const path = decodeURIComponent(uri.split('?')[0]!);
      const send = (status: number, body: Buffer | string, headers: Record<string, string> = {}) => {
        log.push(`${status} ${path}`);
        res.writeHead(status, headers);
        res.end(body);
      };
      if (!path.startsWith(base)) return send(404, 'not in this IIS application');
      let rel = normalize(path.slice(base.length)).replace(/^(\.\.[/\\])+/, '');
      let file = join(dir, rel);
      if (rel === '' || rel === '.' || (await isDir(file))) {
        rel = join(rel, 'index.html');
        file = join(dir, rel);
      }
      if (!(await isFile(file)) && cfg.rewrite) {
        const excluded = cfg.rewrite.excluded.some((r) => r.test(uri));
        if (!excluded && cfg.rewrite.notFile) {
          rel = cfg.rewrite.url.slice(base.length);
          file = join(dir, rel);
        }
      }
      if (rel.toLowerCase() === 'web.config' || !(await isFile(file))) return send(404, 'Not Found');
      const type = cfg.mime[extname(file).toLowerCase()];
      if (!type) return send(404, 'HTTP Error 404.3 - Not Found (no MIME map)');
      const headers: Record<string, string> = { 'Content-Type': type };
      for (const [k, v] of cfg.headers) headers[k] = v;
      for (const [k, v] of cfg.byPath.get(rel.replace(/\\/g, '/')) ?? []) headers[k] = v;
      send(200, await readFile(file), headers);
    })().catch((e: unknown) => {
      res.writeHead(500);
      res.end(String(e));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  if (!addr || typeof addr === 'string') throw new Error('no TCP address');
  return {
    origin: `http://127.0.0.1:${addr.port}`,
    log,
    close: () => new Promise((r) => server.close(() => r())),
  };
}
