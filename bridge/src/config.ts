/**
 * The bridge's configuration: port, allowed page origins, limits, debug switch. Sources, strongest
 * first (each one that sets a value overrides the ones below it, per value):
 *   1. command line: `--port N`, `--allow-origin URL` (repeatable), `--config FILE`, `--debug-apdu`
 *   2. environment: SMARTCARD_BRIDGE_PORT, SMARTCARD_BRIDGE_ALLOWED_ORIGINS (comma-separated),
 *      SMARTCARD_BRIDGE_CONFIG (file path), SMARTCARD_BRIDGE_DEBUG_APDU=1
 *   3. Windows only: policy registry value HKLM\SOFTWARE\Policies\SmartcardBridge\AllowedOrigins
 *      (REG_MULTI_SZ or comma-separated REG_SZ) and Port (REG_DWORD)
 *   4. the config file at the per-OS path ({@link defaultConfigPath}), JSON as in bridge/packaging/config.json
 * Every origin must be an exact serialised origin (RFC 6454 §6.2): scheme://host[:port], https —
 * or http for localhost/127.0.0.1 only (development). Anything else is refused at start.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_BRIDGE_PORT } from '../../src/transport/bridge-protocol';
import { DEFAULT_LIMITS, type SessionLimits } from './session';

export interface BridgeConfig {
  port: number;
  allowedOrigins: string[];
  limits: SessionLimits;
  /** Requests one socket may have outstanding. Why 16: the app has at most 3 (watcher, APDU, control). */
  maxInFlight: number;
  /** Close a socket that sent nothing for this long. Why 10 min: the app's watcher calls every 30 s. */
  idleTimeoutMs: number;
  debugApdu: boolean;
  /** Where each value came from, for `--check`. */
  sources: string[];
  configPath: string;
}

export class ConfigError extends Error {}

/** Per-OS path of the admin-managed config file. */
function defaultConfigPath(platform = process.platform, env = process.env): string {
  if (platform === 'win32')
    return join(env.ProgramData ?? 'C:\\ProgramData', 'SmartcardBridge', 'config.json');
  if (platform === 'darwin') return '/Library/Application Support/SmartcardBridge/config.json';
  return '/etc/smartcard-bridge/config.json';
}

/** Checks and normalises one origin; throws ConfigError for anything not an exact origin. */
function normaliseOrigin(raw: string): string {
  let u: URL;
  try {
    u = new URL(raw.trim());
  } catch {
    throw new ConfigError(`not an origin: ${raw}`);
  }
  const local = ['localhost', '127.0.0.1', '[::1]'].includes(u.hostname);
  if (u.protocol !== 'https:' && !(u.protocol === 'http:' && local) && u.protocol !== 'isolated-app:') {
    throw new ConfigError(`origin must be https (or http://localhost for development): ${raw}`);
  }
  const origin = u.protocol === 'isolated-app:' ? `isolated-app://${u.host}` : u.origin;
  const given = raw.trim().replace(/\/$/, '').toLowerCase();
  if (given !== origin.toLowerCase())
    throw new ConfigError(`give the origin only (scheme://host[:port]), not ${raw}`);
  return origin;
}

interface CliArgs {
  port?: number;
  allowOrigins: string[];
  configPath?: string;
  debugApdu: boolean;
  version: boolean;
  check: boolean;
  help: boolean;
}

/** Parses argv (without node and script); throws ConfigError on unknown or malformed flags. */
export function parseArgs(argv: string[]): CliArgs {
  const a: CliArgs = { allowOrigins: [], debugApdu: false, version: false, check: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i]!.split(/=(.*)/s, 2) as [string, string | undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new ConfigError(`${flag} needs a value`);
      return v;
    };
    if (flag === '--port') a.port = port(value(), '--port');
    else if (flag === '--allow-origin') a.allowOrigins.push(value());
    else if (flag === '--config') a.configPath = value();
    else if (flag === '--debug-apdu') a.debugApdu = true;
    else if (flag === '--version' || flag === '-v') a.version = true;
    else if (flag === '--check') a.check = true;
    else if (flag === '--help' || flag === '-h') a.help = true;
    else throw new ConfigError(`unknown option ${flag}`);
  }
  return a;
}

function port(v: unknown, where: string): number {
  const n = typeof v === 'number' ? v : Number(v);
  if (!Number.isInteger(n) || n < 1024 || n > 65535)
    throw new ConfigError(`${where}: port must be 1024–65535`);
  return n;
}

interface FileConfig {
  port?: number;
  allowedOrigins?: string[];
  idleTimeoutMs?: number;
  maxInFlight?: number;
  limits?: Partial<SessionLimits>;
}

function readFile(path: string, required: boolean): FileConfig {
  if (!existsSync(path)) {
    if (required) throw new ConfigError(`config file not found: ${path}`);
    return {};
  }
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new ConfigError(`config file ${path} is not JSON: ${(e as Error).message}`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    throw new ConfigError(`config file ${path}: expected an object`);
  const d = data as Record<string, unknown>;
  if (
    d.allowedOrigins !== undefined &&
    (!Array.isArray(d.allowedOrigins) || !d.allowedOrigins.every((o) => typeof o === 'string'))
  ) {
    throw new ConfigError(`config file ${path}: allowedOrigins must be a list of strings`);
  }
  return d as FileConfig;
}

/** Windows policy values (`reg query`); empty elsewhere or when the key is absent. */
function readWindowsPolicy(run = spawnSync): { allowedOrigins?: string[]; port?: number } {
  if (process.platform !== 'win32') return {};
  const r = run('reg', ['query', 'HKLM\\SOFTWARE\\Policies\\SmartcardBridge'], {
    encoding: 'utf8',
    timeout: 5000,
  });
  if (r.status !== 0 || typeof r.stdout !== 'string') return {};
  const out: { allowedOrigins?: string[]; port?: number } = {};
  for (const line of r.stdout.split(/\r?\n/)) {
    const m = /^\s+(\S+)\s+(REG_\w+)\s+(.*)$/.exec(line);
    if (!m) continue;
    if (m[1] === 'AllowedOrigins')
      out.allowedOrigins = m[3]!
        .split(m[2] === 'REG_MULTI_SZ' ? '\\0' : ',')
        .map((s) => s.trim())
        .filter(Boolean);
    if (m[1] === 'Port') out.port = Number(m[3]);
  }
  return out;
}

/** Merges the sources (see the file comment) into a checked configuration. */
export function loadConfig(
  args: CliArgs,
  env: NodeJS.ProcessEnv = process.env,
  policy = readWindowsPolicy(),
): BridgeConfig {
  const explicitPath = args.configPath ?? env.SMARTCARD_BRIDGE_CONFIG;
  const configPath = explicitPath ?? defaultConfigPath();
  const file = readFile(configPath, explicitPath !== undefined);
  const sources: string[] = [];
  let origins: string[] = file.allowedOrigins ?? [];
  let originSource = `file ${configPath}`;
  if (policy.allowedOrigins?.length) [origins, originSource] = [policy.allowedOrigins, 'Windows policy'];
  const envOrigins = env.SMARTCARD_BRIDGE_ALLOWED_ORIGINS?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (envOrigins?.length) [origins, originSource] = [envOrigins, 'environment'];
  if (args.allowOrigins.length) [origins, originSource] = [args.allowOrigins, 'command line'];
  sources.push(`allowedOrigins: ${originSource}`);

  let p: number = DEFAULT_BRIDGE_PORT;
  let portSource = 'default';
  if (file.port !== undefined) [p, portSource] = [port(file.port, configPath), `file ${configPath}`];
  if (policy.port !== undefined) [p, portSource] = [port(policy.port, 'Windows policy'), 'Windows policy'];
  if (env.SMARTCARD_BRIDGE_PORT)
    [p, portSource] = [port(env.SMARTCARD_BRIDGE_PORT, 'SMARTCARD_BRIDGE_PORT'), 'environment'];
  if (args.port !== undefined) [p, portSource] = [args.port, 'command line'];
  sources.push(`port: ${portSource}`);

  return {
    port: p,
    allowedOrigins: [...new Set(origins.map(normaliseOrigin))],
    limits: { ...DEFAULT_LIMITS, ...file.limits },
    maxInFlight: file.maxInFlight ?? 16,
    idleTimeoutMs: file.idleTimeoutMs ?? 10 * 60_000,
    debugApdu: args.debugApdu || env.SMARTCARD_BRIDGE_DEBUG_APDU === '1',
    sources,
    configPath,
  };
}
