/**
 * A flow view when the reader goes away with a reason — what the card bridge route reports when
 * its socket closes (src/transport/bridge-provider.ts) — against real services: the simulator's
 * reader, a CardSession, the CM emulator. The screen names the bridge (not "card removed"), drops a
 * shown PIN, and when the app follows the reader again (src/compose.ts on the bridge's return) and
 * reads the same card, the run continues by itself from its journal.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { resumableFlows } from '../../src/flows';
import { ReaderGoneEvent, TransportError } from '../../src/transport/types';
import type { PinView } from '../../src/ui/views/pin-view';
import { TPL_SERVER_PIN, button, cardIdOf, enrolled, shownPin, step, text, world } from './flow-world';
import '../../src/ui/views/pin-view';

describe('<scss-pin-view> when the card bridge goes away', function () {
  this.timeout(60_000);

  it('says the bridge connection broke, drops the PIN, and continues once the card is read again', async () => {
    const w = await world();
    await enrolled(w, TPL_SERVER_PIN);
    const [reader] = await w.sim.knownReaders();
    const el = await fixture<PinView>(html`<scss-pin-view .services=${w.services}></scss-pin-view>`);
    button(el, 'Meine PIN abholen').click();
    await step(el, 'Ihre neue PIN');
    const first = await shownPin(el);

    (reader as unknown as EventTarget).dispatchEvent(
      new ReaderGoneEvent(
        new TransportError('transport/bridge-gone', 'the card bridge connection closed', {}),
      ),
    );
    await step(el, 'Vorgang unterbrochen');
    expect(w.session.state).to.deep.include({ kind: 'error' });
    expect(text(el)).to.contain('Die Verbindung zur Kartenbrücke wurde unterbrochen.');
    expect(text(el)).not.to.contain('Die Karte wurde entfernt');
    expect(el.pin).to.equal('');
    expect(text(el)).not.to.contain(first);
    await expect(el).to.be.accessible();

    // The bridge is back: the app follows the reader again and the same card is read afresh.
    await w.session.useReader(reader!);
    await step(el, 'Ihre neue PIN');
    const pin = await shownPin(el);
    button(el, 'PIN auf die Karte schreiben').click();
    await step(el, 'Fertig');
    await w.session.card!.verifyPin(pin);
    expect(await resumableFlows(w.store, cardIdOf(w))).to.deep.equal([]);
    w.session.release();
  });
});
