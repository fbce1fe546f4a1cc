/**
 * Factory-fresh virtual cards personalised by the reference tools, then read back by the project's
 * own card layer: `gids-tool --initialize` (OpenSC card-gids.c: PIN, admin key, serial, the `mscp`
 * directory and masterfile), `yubico-piv-tool -a generate -s 9a` with the default management key
 * (libykpiv: 9B mutual/external authentication, GENERATE ASYMMETRIC KEY PAIR, SP 800-73-4 Part 2
 * §3.3.2), and `piv-tool -A M:9B:03` (OpenSC card-piv.c mutual authentication with the 3DES 9B
 * key, SP 800-73-4 Part 2 §3.2.4, Appendix A.1). Each positive check has its negative twin with
 * a wrong key, so a tool that does nothing cannot pass.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tdesEncrypt } from '../../emulator/crypto';
import { GidsCard, PivCard } from '../../src/card';
import { fromHex } from '../../src/iso7816/hex';
import { findTag, parseTlv } from '../../src/iso7816/tlv';
import { VirtualGidsCard } from '../../src/sim/gids-card';
import { directConnection } from '../../src/sim/gids-connection';
import { VirtualPivCard } from '../../src/sim/piv-card';
import { pcscWorld, type PcscWorld } from './tools';

let pw: PcscWorld;
const READER = 'Virtual PCD';
const DEFAULT_3DES = '010203040506070801020304050607080102030405060708';
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

beforeAll(async () => {
  pw = await pcscWorld();
});
afterAll(async () => pw?.stop());

describe('gids-tool --initialize on a factory-fresh GIDS card', () => {
  const serial = '00112233445566778899aabbccddeeff';
  const adminKey = '1f2e3d4c5b6a79881f2e3d4c5b6a79881f2e3d4c5b6a7988';
  let sim: VirtualGidsCard;

  it('personalises the card: PIN, admin key, serial number; exit 0', async () => {
    sim = new VirtualGidsCard({ factory: true });
    await pw.server.swap(sim);
    await pw.cardSeen();
    const r = await pw.tool('gids-tool', [
      '--initialize',
      '--pin',
      '75319512',
      '--admin-key',
      adminKey,
      '--serial-number',
      serial,
    ]);
    expect(r.code, r.all).toBe(0);
  });

  it('OpenSC then sees an initialised GIDS token whose PIN is the one set', async () => {
    const d = await pw.tool('pkcs15-tool', ['-D']);
    expect(d.code, d.all).toBe(0);
    expect(d.stdout).toMatch(/PIN/);
    const ok = await pw.tool('pkcs15-tool', ['--verify-pin', '--pin', '75319512']);
    expect(ok.code, ok.all).toBe(0);
    const bad = await pw.tool('pkcs15-tool', ['--verify-pin', '--pin', '11111111']);
    expect(bad.code, bad.all).not.toBe(0);
  });

  it("the project's GidsCard reads the serial as card id and authenticates with the admin key set", async () => {
    await pw.server.remove();
    sim.reset();
    const card = new GidsCard(directConnection(sim));
    expect(hex(await card.readCardId())).toBe(serial);
    await card.verifyPin('75319512');
    const challenge = await card.getAdminChallenge();
    await expect(card.authenticateAdmin(tdesEncrypt(fromHex(adminKey), challenge))).resolves.toBeUndefined();
    const again = await card.getAdminChallenge();
    await expect(card.authenticateAdmin(tdesEncrypt(fromHex(DEFAULT_3DES), again))).rejects.toMatchObject({
      code: 'card/admin-auth-failed',
    });
  });
});

describe('yubico-piv-tool and piv-tool on a blank PIV card', () => {
  let sim: VirtualPivCard;
  beforeAll(async () => {
    sim = new VirtualPivCard({ guid: globalThis.crypto.getRandomValues(new Uint8Array(16)), pin: '123456' });
    await pw.server.swap(sim);
    await pw.cardSeen();
  });

  it('yubico-piv-tool -a generate -s 9a with the default management key: the card holds the key the tool printed', async () => {
    const out = join(pw.dir, '9a.pub.pem');
    const r = await pw.tool('yubico-piv-tool', [
      '-r',
      READER,
      '-a',
      'generate',
      '-s',
      '9a',
      '-A',
      'RSA2048',
      `--key=${DEFAULT_3DES}`,
      '-o',
      out,
    ]);
    expect(r.code, r.all).toBe(0);
    const m = await pw.tool('openssl', ['rsa', '-pubin', '-in', out, '-noout', '-modulus']);
    expect(m.code, m.all).toBe(0);
    const modulus = /Modulus=([0-9A-F]+)/.exec(m.stdout)![1]!.toLowerCase();
    const slot = sim.keySlots.keys.get(0x9a);
    expect(slot).toBeDefined();
    const n = findTag(parseTlv(slot!.key.publicKeyTlv()), 0x81)!.value;
    expect(hex(n)).toBe(modulus);
  });

  it('yubico-piv-tool -a generate with a wrong management key is refused and leaves 9a as it was', async () => {
    const before = sim.keySlots.generated;
    const r = await pw.tool('yubico-piv-tool', [
      '-r',
      READER,
      '-a',
      'generate',
      '-s',
      '9a',
      '-A',
      'RSA2048',
      `--key=${'ff'.repeat(24)}`,
      '-o',
      join(pw.dir, 'x.pem'),
    ]);
    expect(r.code, r.all).not.toBe(0);
    expect(r.all).toMatch(/authenticat/i); // refused by the card, not by a usage error
    expect(sim.keySlots.generated).toBe(before);
  });

  it('piv-tool -A M:9B:03 (mutual authentication, default 3DES key) succeeds; a wrong key fails', async () => {
    const good = join(pw.dir, 'mgmt.key');
    const bad = join(pw.dir, 'wrong.key');
    writeFileSync(good, DEFAULT_3DES.match(/../g)!.join(':'));
    writeFileSync(bad, 'ee'.repeat(24).match(/../g)!.join(':'));
    const ok = await pw.tool('piv-tool', ['-A', 'M:9B:03'], { env: { PIV_EXT_AUTH_KEY: good } });
    expect(ok.code, ok.all).toBe(0);
    expect(ok.all).not.toMatch(/fail/i);
    const no = await pw.tool('piv-tool', ['-A', 'M:9B:03'], { env: { PIV_EXT_AUTH_KEY: bad } });
    expect(no.code, no.all).not.toBe(0);
    expect(no.all).toMatch(/> 0087039b/); // it got as far as GENERAL AUTHENTICATE (3DES, key 9B) and the card said no
  });

  it("afterwards the project's PivCard still verifies the PIN and reads the CHUID card id", async () => {
    await pw.server.remove();
    sim.reset();
    const card = new PivCard(directConnection(sim));
    await card.verifyPin('123456');
    expect((await card.readCardId()).length).toBe(16);
  });
});
