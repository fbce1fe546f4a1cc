#!/usr/bin/env node
// `npm run lint` part: the repository stands alone. Code, comments and docs cite docs/ in this repo
// or a primary source (ISO/IEC 7816, CCID 1.1, NIST SP 800-73-4, MIM doc pages, OpenSC files),
// never design or reference notes kept outside the repository, nor tracker issue numbers, which
// a reader of a clone cannot open. Prints each offending line and exits 1.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

/** What may not be cited, each with the reason printed beside a hit. */
export const RULES = [
  {
    re: /\b(cm-rest-api|card-protocols|ccid-webusb|desktop-bridge|product-and-conventions|web-smart-card-testing)\.md\b/,
    why: 'a reference note outside the repo: cite docs/<page> (written docs/x.md, or ./x.md inside docs/) or the primary source',
  },
  {
    re: /\breference §\d/,
    why: 'a section of a reference note outside the repo: cite docs/<page> or the primary source',
  },
  { re: /\bARCHITECTURE\.md\b/, why: 'a design file outside the repo: cite docs/architecture.md' },
  {
    re: /\.\.\/shared\b|\bshared\/reference\b|(^|[\s('"`])reference\/[\w-]+\.md/,
    why: 'a path outside the repo',
  },
  // "issue 7", "issues 7/8", "Issue 9 acceptance" (this project's tracker), and a bare "#12";
  // `PKCS#7`, `whatwg/usb#25` (another project's public tracker), `&#39;` and colours `#595959` pass.
  { re: /\b[Ii]ssues? #?\d+\b/, why: 'a tracker issue number: say what the rule is instead' },
  { re: /(^|[^\w/&#])#\d{1,4}(?![\w])/, why: 'a tracker issue number: say what the rule is instead' },
];

/** Binary and generated files are not read. */
const SELF = ['scripts/check-citations.mjs', 'test/unit/build/check-citations.test.ts'];
const SKIP = /(^|\/)(package-lock\.json|LICENSE)$|\.(png|jpg|ico|woff2?|pem|der|bin)$/;

/**
 * The offending lines of one file's text, as `path:line: text (why)`. `exists` says whether a
 * repository path exists: every `docs/<page>.md` a line names must be there.
 */
export function findCitations(path, text, exists = () => true) {
  const hits = [];
  text.split('\n').forEach((line, i) => {
    const at = `${path}:${i + 1}: ${line.trim()}`;
    for (const { re, why } of RULES) if (re.test(line)) hits.push(`${at}  (${why})`);
    for (const [, page] of line.matchAll(/\bdocs\/([\w-]+\.md)\b/g))
      if (!exists(`docs/${page}`)) hits.push(`${at}  (docs/${page} does not exist)`);
  });
  return hits;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    encoding: 'utf8',
  })
    .split('\0')
    // This script and its test spell out what they catch.
    .filter((f) => f && !SKIP.test(f) && !SELF.includes(f));
  const hits = files.flatMap((f) => {
    let text;
    try {
      text = readFileSync(f, 'utf8');
    } catch {
      return []; // listed but deleted in the work tree
    }
    return findCitations(f, text, existsSync);
  });
  for (const h of hits) console.error(h);
  if (hits.length) {
    console.error(
      `check-citations: ${hits.length} citation(s) of notes outside the repository or issue numbers`,
    );
    process.exit(1);
  }
  console.info(`check-citations: ${files.length} files, no citation outside the repository`);
}
