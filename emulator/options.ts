/**
 * Emulator switches (README "Development": the emulator's switches): one options object, filled from defaults, a JSON
 * config file and CLI flags (`--port 4390 --auth negotiate --cors full --cors-origin http://x`).
 */
import { readFileSync } from 'node:fs';

type AuthMode = 'none' | 'negotiate' | 'bearer' | 'any' | 'oidc';
type CorsMode = 'off' | 'pam' | 'full';
type RouteVariant<A extends string, B extends string> = 'both' | A | B;

export interface EmulatorOptions {
  port: number;
  /**
   * none = anonymous; negotiate/bearer/any = require that `Authorization` scheme, else 401 (IIS under
   * WIA: "windows mode", an emulated Negotiate challenge); oidc = verify bearer JWTs for real
   * (auth-bearer.ts) against `oidcIssuer`, `oidcAudience` and the IdP's JWKS.
   */
  auth: AuthMode;
  /** oidc: expected `iss` (the AD FS / Entra ID issuer). */
  oidcIssuer?: string;
  /** oidc: expected `aud` (the CM relying-party identifier, e.g. `https://cm.contoso.com/certificatemanagement`). */
  oidcAudience?: string;
  /** oidc: the IdP's `jwks_uri`. */
  oidcJwksUri?: string;
  /** oidc: a JWKS given inline instead of `oidcJwksUri` (tests). */
  oidcJwks?: { keys: Record<string, unknown>[] };
  /** oidc: a scope the token must carry (`scp`/`scope`), else 403 insufficient_scope. */
  oidcScope?: string;
  /** oidc: accepted clock skew in seconds (default 0). */
  oidcClockToleranceSec?: number;
  /** off = no CORS headers; pam = the PAM doc's static web.config headers only; full = reflected origin + preflight. */
  cors: CorsMode;
  /** Allowed origins (pam: the first one is the static value; full: list, or `*` to reflect any). */
  corsOrigins: string[];
  /** Status IIS/Web API give a preflight in pam mode (405 = Web API without CORS; 401 under WIA). */
  pamPreflightStatus: number;
  /** Added delay per request, ms (simulates a remote IIS). */
  latencyMs: number;
  /** Force 500 with a correlation id: true = every call; a string = calls whose path contains it (case-insensitive). */
  force500: boolean | string;
  /** 403 on authenticationresponse, diversifiedkey and serverproposedpin (caller not in the Sensitive API group). */
  forbidSensitive: boolean;
  /** `Clm.WebApi.Enabled=false`: every route answers 404. */
  apiDisabled: boolean;
  /** Which serverproposedpin route exists (doc defect 2). */
  serverProposedPinRoute: RouteVariant<'request', 'smartcard'>;
  /** Which workflow-policy route exists (doc defect 4). */
  workflowPolicyRoute: RouteVariant<'policies', 'policy-workflow'>;
  /** New requests start Pending (16) instead of Approved (3). */
  requireApproval: boolean;
  /** A pending request turns Approved on its n-th GET (0 = only via `approveRequest`). */
  approveAfterPolls: number;
  /** Secret keying the emulator's admin-key diversification (see crypto.ts). */
  adminKeySecret: string;
  /** Ids handed to created objects in order before random ones (documentation ids by default). */
  idQueues?: { requests?: string[]; smartcards?: string[]; profiles?: string[] };
  /** Clock (tests pin it). */
  now: () => Date;
  /**
   * Clock switch: the server's "now" runs this many days off the real clock, so a certificate issued
   * with `-350` expires in 15 days and makes expiry warnings visible in the demo (`--clock-offset-days`).
   */
  clockOffsetDays: number;
  /** Where the "event log" goes: correlation ids of 500s and state changes. Never receives secrets. */
  log: (line: string) => void;
}

export const DEFAULT_OPTIONS: Readonly<Omit<EmulatorOptions, 'idQueues'>> = Object.freeze({
  port: 4390,
  auth: 'none',
  cors: 'off',
  corsOrigins: ['*'],
  pamPreflightStatus: 405,
  latencyMs: 0,
  force500: false,
  forbidSensitive: false,
  apiDisabled: false,
  serverProposedPinRoute: 'both',
  workflowPolicyRoute: 'both',
  requireApproval: false,
  approveAfterPolls: 2,
  adminKeySecret: 'mim-cm-emulator-dev-secret',
  now: () => new Date(),
  clockOffsetDays: 0,
  log: () => undefined,
});

export function resolveOptions(partial: Partial<EmulatorOptions> = {}): EmulatorOptions {
  return { ...DEFAULT_OPTIONS, ...partial };
}

const FLAG_KEYS: Record<string, keyof EmulatorOptions> = {
  port: 'port',
  auth: 'auth',
  cors: 'cors',
  'cors-origin': 'corsOrigins',
  'pam-preflight-status': 'pamPreflightStatus',
  latency: 'latencyMs',
  'force-500': 'force500',
  'forbid-sensitive': 'forbidSensitive',
  'api-disabled': 'apiDisabled',
  'pin-route': 'serverProposedPinRoute',
  'policy-route': 'workflowPolicyRoute',
  'require-approval': 'requireApproval',
  'approve-after-polls': 'approveAfterPolls',
  'admin-key-secret': 'adminKeySecret',
  'clock-offset-days': 'clockOffsetDays',
  'oidc-issuer': 'oidcIssuer',
  'oidc-audience': 'oidcAudience',
  'oidc-jwks-uri': 'oidcJwksUri',
  'oidc-scope': 'oidcScope',
  'oidc-clock-tolerance': 'oidcClockToleranceSec',
};
const NUMERIC = new Set<keyof EmulatorOptions>([
  'port',
  'pamPreflightStatus',
  'latencyMs',
  'approveAfterPolls',
  'oidcClockToleranceSec',
  'clockOffsetDays',
]);
const BOOLEAN = new Set<keyof EmulatorOptions>(['forbidSensitive', 'apiDisabled', 'requireApproval']);
const ENUMS: Partial<Record<keyof EmulatorOptions, string[]>> = {
  auth: ['none', 'negotiate', 'bearer', 'any', 'oidc'],
  cors: ['off', 'pam', 'full'],
  serverProposedPinRoute: ['both', 'request', 'smartcard'],
  workflowPolicyRoute: ['both', 'policies', 'policy-workflow'],
};

/** Parses `--flag value`, `--flag=value`, bare boolean flags and `--config file.json` (flags win over the file). */
export function parseCli(argv: string[]): Partial<EmulatorOptions> {
  const out: Record<string, unknown> = {};
  let fromFile: Record<string, unknown> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) throw new Error(`Unexpected argument ${arg}`);
    const [name, inline] = arg.slice(2).split('=', 2) as [string, string | undefined];
    if (name === 'config') {
      fromFile = JSON.parse(readFileSync(inline ?? argv[++i]!, 'utf8')) as Record<string, unknown>;
      continue;
    }
    const key = FLAG_KEYS[name];
    if (!key) throw new Error(`Unknown flag --${name} (known: ${Object.keys(FLAG_KEYS).join(', ')}, config)`);
    const next = argv[i + 1];
    const takesValue = !BOOLEAN.has(key) || (inline === undefined && (next === 'true' || next === 'false'));
    const raw = inline ?? (takesValue ? argv[++i] : 'true');
    if (raw === undefined) throw new Error(`--${name} needs a value`);
    out[key] = convert(key, raw);
  }
  const merged = { ...fromFile, ...out } as Partial<EmulatorOptions>;
  validate(merged);
  return merged;
}

function convert(key: keyof EmulatorOptions, raw: string): unknown {
  if (NUMERIC.has(key)) {
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 0) throw new Error(`--${key} must be a non-negative integer`);
    return n;
  }
  if (BOOLEAN.has(key)) return raw === 'true';
  if (key === 'corsOrigins')
    return raw
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  if (key === 'force500') return raw === 'true' ? true : raw === 'false' ? false : raw;
  return raw;
}

function validate(o: Partial<EmulatorOptions>): void {
  for (const [key, allowed] of Object.entries(ENUMS) as [keyof EmulatorOptions, string[]][]) {
    const v = o[key];
    if (v !== undefined && !allowed.includes(String(v)))
      throw new Error(`${key} must be one of ${allowed.join(', ')}`);
  }
}
