/**
 * Smaller flow-screen behaviours: no empty progress before a step starts; a request waiting for
 * approval is said neutrally (a status, not a red alert); a copied PIN is announced as staying in
 * the clipboard and wiped after a while; leaving a flow in the middle (link or Back) asks first.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { FlowError } from '../../src/flows';
import { interceptLinks } from '../../src/ui/router';
import { FlowViewBase } from '../../src/ui/views/flow-view';
import type { PinDisplay } from '../../src/ui/components/pin-display';
import type { EnrollView } from '../../src/ui/views/enroll-view';
import { button, root, step, world } from './flow-world';
import '../../src/ui/components/flow-progress';
import '../../src/ui/components/pin-display';
import '../../src/ui/views/enroll-view';

/** A flow view whose one step waits for an approver that never comes. */
class ApprovalFlow extends FlowViewBase {
  protected readonly flow = 'unblock' as const;
  protected heading() {
    return 'Test';
  }
  protected renderStage() {
    return this.renderStart('Start', 'intro', 'Los', () =>
      this.runStep(async () => {
        throw new FlowError('flow/approval-timeout', 'still pending', {
          flow: 'unblock',
          step: 'wait-approval',
        });
      }, true),
    );
  }
  protected retry() {}
}
customElements.define('test-approval-flow', ApprovalFlow);

describe('flow screens', function () {
  this.timeout(30_000);

  it('progress before the first step: "Bitte warten" without an empty progress bar', async () => {
    const el = await fixture<HTMLElement>(html`<scss-flow-progress></scss-flow-progress>`);
    expect(el.shadowRoot!.textContent).to.contain('Bitte warten');
    expect(el.shadowRoot!.querySelector('progress')).to.equal(null);
    const started = await fixture<HTMLElement>(
      html`<scss-flow-progress
        .progress=${{ flow: 'enroll', step: 'read-card', index: 0, total: 5 }}
      ></scss-flow-progress>`,
    );
    expect(started.shadowRoot!.querySelector('progress')).to.not.equal(null);
  });

  it('approval pending is a neutral status with "Erneut nachsehen", not a red alert', async () => {
    const w = await world();
    const el = await fixture<ApprovalFlow>(
      html`<test-approval-flow .services=${w.services}></test-approval-flow>`,
    );
    button(el, 'Los').click();
    await step(el, 'Ihr Antrag wartet auf Freigabe');
    expect(root(el).querySelector('[role="alert"]')).to.equal(null);
    expect(root(el).querySelector('.failure')).to.equal(null);
    expect(root(el).querySelector('[role="status"].info')!.textContent).to.contain(
      'Die Freigabe Ihres Antrags steht noch aus.',
    );
    expect(root(el).querySelector('button')!.textContent!.trim()).to.equal('Erneut nachsehen');
    await expect(el).to.be.accessible();
    w.session.release();
  });

  it('"PIN kopieren" says the PIN stays in the clipboard, then wipes it (or says it could not)', async () => {
    const writes: string[] = [];
    const original = navigator.clipboard.writeText;
    let refuse = false;
    navigator.clipboard.writeText = async (t: string) => {
      if (refuse && t === '') throw new DOMException('Document is not focused.', 'NotAllowedError');
      writes.push(t);
    };
    try {
      const el = await fixture<PinDisplay>(
        html`<scss-pin-display .pin=${'86420000'} .clearAfterMs=${100}></scss-pin-display>`,
      );
      const copy = [...el.shadowRoot!.querySelectorAll('button')].find((b) =>
        b.textContent!.includes('PIN kopieren'),
      )!;
      const note = el.shadowRoot!.getElementById(copy.getAttribute('aria-describedby')!)!;
      expect(note.textContent).to.contain('bleibt in der Zwischenablage');
      copy.click();
      await waitUntil(() => writes.length === 2, 'wiped', { timeout: 2000 });
      expect(writes).to.deep.equal(['86420000', '']);
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('[role="status"]')!.textContent).to.equal(
        'Die Zwischenablage wurde geleert.',
      );
      await expect(el).to.be.accessible();
      refuse = true;
      copy.click();
      await waitUntil(
        () =>
          el
            .shadowRoot!.querySelector('[role="status"]')!
            .textContent!.includes('noch in der Zwischenablage'),
        'refusal said',
        { timeout: 2000 },
      );
      // Leaving the screen wipes at once instead of waiting.
      refuse = false;
      const later = await fixture<PinDisplay>(
        html`<scss-pin-display .pin=${'13579135'} .clearAfterMs=${60_000}></scss-pin-display>`,
      );
      [...later.shadowRoot!.querySelectorAll('button')]
        .find((b) => b.textContent!.includes('PIN kopieren'))!
        .click();
      await waitUntil(() => writes.at(-1) === '13579135', 'copied');
      later.remove();
      await waitUntil(() => writes.at(-1) === '', 'wiped on leaving', { timeout: 2000 });
    } finally {
      navigator.clipboard.writeText = original;
    }
  });

  it('a flow in the middle counts as unfinished; Back and links then ask, and a refusal keeps the URL', async () => {
    const w = await world();
    const el = await fixture<EnrollView>(html`<scss-enroll-view .services=${w.services}></scss-enroll-view>`);
    expect(el.unfinished).to.equal(false); // start screen: nothing to lose
    button(el, 'Registrierung beginnen').click();
    await step(el, 'Vorlage wählen');
    expect(el.unfinished).to.equal(true);

    // A plain element, not fixture(): fixture() waits for an animation frame, and a test page in a
    // background tab (the runner's concurrency) gets none, so the test hung there.
    const host = document.createElement('div');
    host.innerHTML = '<a href="/cards">Meine Karten</a>';
    document.body.append(host);
    const start = location.pathname;
    history.pushState(null, '', '/enroll');
    const went: string[] = [];
    let allow = false;
    let asked = 0;
    const stop = interceptLinks(
      host,
      (r) => went.push(r),
      '/',
      () => (asked++, allow),
    );
    try {
      host.querySelector('a')!.click();
      expect([asked, went, location.pathname]).to.deep.equal([1, [], '/enroll']);
      history.pushState(null, '', '/pin');
      history.back(); // to /enroll's predecessor entry: the browser changes the URL first
      await waitUntil(() => asked === 2, 'Back asked');
      expect(went).to.deep.equal([]);
      expect(location.pathname).to.equal('/enroll');
      allow = true;
      host.querySelector('a')!.click();
      expect(went).to.deep.equal(['/cards']);
    } finally {
      stop();
      host.remove();
      history.pushState(null, '', start);
    }
    w.session.release();
  });
});
