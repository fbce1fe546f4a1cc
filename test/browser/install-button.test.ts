/**
 * The install offer arrives once and early, often before the app element exists: the button
 * created afterwards must still appear, and using it prompts exactly once.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/ui/pwa/install-prompt';

/** A stand-in for Chromium's BeforeInstallPromptEvent (prompt() resolves like the real dialog). */
function installEvent() {
  const e = new Event('beforeinstallprompt', { cancelable: true }) as Event & {
    prompt(): Promise<void>;
    prompts: number;
    userChoice: Promise<unknown>;
  };
  e.prompts = 0;
  e.prompt = async () => void e.prompts++;
  e.userChoice = Promise.resolve({ outcome: 'accepted' });
  return e;
}

describe('<scss-install-button>', () => {
  it('shows when the offer came before the button existed, and prompts once', async () => {
    const ev = installEvent();
    window.dispatchEvent(ev);
    expect(ev.defaultPrevented, 'the mini-infobar is suppressed').to.equal(true);
    // Only now is the element defined and created, as on a first visit.
    await import('../../src/ui/shell/install-button');
    const el = await fixture<HTMLElement & { updateComplete: Promise<unknown> }>(
      html`<scss-install-button></scss-install-button>`,
    );
    await waitUntil(() => el.shadowRoot!.querySelector('button'), 'install button shown');
    el.shadowRoot!.querySelector('button')!.click();
    await waitUntil(() => !el.shadowRoot!.querySelector('button'), 'hidden after use');
    expect(ev.prompts).to.equal(1);
  });
});
