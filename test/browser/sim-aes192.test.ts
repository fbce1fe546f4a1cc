/**
 * AES-192 in Chromium: the YubiKey 5.7+ default management key (AES-192, SP 800-78-4 table 6-1
 * algorithm 0x0A; default value 010203…08 three times, as yubico-piv-tool documents) works with the
 * virtual PIV card in the browser, where WebCrypto refuses 192-bit AES keys. The simulator's AES
 * (src/sim/crypto-aes.ts) is @noble/ciphers; FIPS 197 Appendix C.2 is the known answer.
 */
import { expect } from '@open-wc/testing';
import { PivCard } from '../../src/card';
import { fromHex, toHex } from '../../src/iso7816/hex';
import { aesEncryptBlock } from '../../src/sim/crypto-aes';
import { directConnection } from '../../src/sim/gids-connection';
import { VirtualPivCard } from '../../src/sim/piv-card';

const YUBICO_DEFAULT = fromHex('0102030405060708'.repeat(3));

describe('AES-192 management key in Chromium', () => {
  it('this browser refuses a 192-bit AES key in WebCrypto (why the simulator does not use it)', async () => {
    let refused = false;
    try {
      await crypto.subtle.importKey('raw', new Uint8Array(24), { name: 'AES-CBC' }, false, ['encrypt']);
    } catch {
      refused = true;
    }
    expect(refused).to.equal(true);
  });

  it('FIPS 197 C.2 known answer', async () => {
    const ct = await aesEncryptBlock(
      fromHex('000102030405060708090a0b0c0d0e0f1011121314151617'),
      fromHex('00112233445566778899aabbccddeeff'),
    );
    expect(toHex(ct)).to.equal('dda97ca4864cdfe06eaf70a0ec0d7191');
  });

  it('PIV admin authentication (GENERAL AUTHENTICATE 87 0A 9B) with the Yubico default AES-192 key', async () => {
    const card = new PivCard(
      directConnection(new VirtualPivCard({ managementAlgorithm: 'aes192', managementKey: YUBICO_DEFAULT })),
    );
    expect(await card.adminKeyAlgorithm()).to.equal('aes192');
    const challenge = await card.getAdminChallenge();
    expect(challenge.length).to.equal(16);
    await card.authenticateAdmin(await aesEncryptBlock(YUBICO_DEFAULT, challenge));
    // A wrong response is refused by the card (6982 → card/admin-auth-failed).
    const again = await card.getAdminChallenge();
    let code = '';
    try {
      await card.authenticateAdmin(await aesEncryptBlock(new Uint8Array(24), again));
    } catch (e) {
      code = (e as { code?: string }).code ?? String(e);
    }
    expect(code).to.equal('card/admin-auth-failed');
  });
});
