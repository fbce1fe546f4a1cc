import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/ui/components/pin-entry';
import '../../src/ui/components/pin-display';
import type { PinEntry } from '../../src/ui/components/pin-entry';
import type { PinDisplay } from '../../src/ui/components/pin-display';
import { setAppLocale } from '../../src/ui/i18n/locale';

const q = <T extends Element = HTMLElement>(el: Element, s: string) => el.shadowRoot!.querySelector<T>(s)!;

async function type(el: PinEntry, pin: string, confirm?: string) {
  q<HTMLInputElement>(el, '#pin').value = pin;
  if (confirm !== undefined) q<HTMLInputElement>(el, '#pin2').value = confirm;
}

describe('<scss-pin-entry>', () => {
  afterEach(() => setAppLocale('de'));

  it('states the limits up front and labels every field', async () => {
    const el = await fixture<PinEntry>(
      html`<scss-pin-entry .rules=${{ minLength: 6, maxLength: 8, numeric: true }}></scss-pin-entry>`,
    );
    expect(q(el, '#pin-hint').textContent).to.equal('6 bis 8 Ziffern.');
    el.rules = { minLength: 8, maxLength: 8, numeric: true };
    await el.updateComplete;
    expect(q(el, '#pin-hint').textContent).to.equal('Genau 8 Ziffern.');
    expect(q(el, 'label[for="pin"]').textContent).to.equal('Neue PIN');
    expect(q(el, 'label[for="pin2"]').textContent).to.equal('PIN wiederholen');
    expect(q(el, '#pin').getAttribute('autocomplete')).to.equal('off');
    expect(q(el, '#pin').getAttribute('inputmode')).to.equal('numeric');
    expect(q(el, '#pin').getAttribute('type')).to.equal('password');
  });

  it('states the length rule in the error exactly as in the hint (exactly 8 digits)', async () => {
    const el = await fixture<PinEntry>(
      html`<scss-pin-entry .rules=${{ minLength: 8, maxLength: 8, numeric: true }}></scss-pin-entry>`,
    );
    const hint = el.shadowRoot!.textContent!;
    expect(hint).to.contain('Genau 8 Ziffern.');
    for (const pin of ['123', '123456789']) {
      await type(el, pin, pin);
      q<HTMLButtonElement>(el, 'button[type="submit"]').click();
      await el.updateComplete;
      await el.updateComplete;
      const err = q(el, '.error').textContent!.trim();
      expect(err).to.match(/^Die PIN ist zu (kurz|lang)\. Genau 8 Ziffern\.$/);
      expect(err).not.to.contain('Zeichen');
    }
  });

  it('names each problem in words, marks the field invalid and focuses it; nothing is submitted', async () => {
    const el = await fixture<PinEntry>(
      html`<scss-pin-entry .rules=${{ minLength: 6, maxLength: 8, numeric: true }}></scss-pin-entry>`,
    );
    let submitted = 0;
    el.addEventListener('pin-submit', () => submitted++);
    const cases: [string, string, string, string][] = [
      ['123', '123', 'Die PIN ist zu kurz. 6 bis 8 Ziffern.', '#pin'],
      ['12ab56', '12ab56', 'Die PIN darf nur Ziffern enthalten.', '#pin'],
      [
        '123456',
        '123457',
        'Die beiden Eingaben stimmen nicht überein. Bitte geben Sie die PIN erneut ein.',
        '#pin2',
      ],
      ['', '', 'Bitte geben Sie eine PIN ein.', '#pin'],
    ];
    for (const [pin, confirm, text, field] of cases) {
      await type(el, pin, confirm);
      q<HTMLButtonElement>(el, 'button[type="submit"]').click();
      await el.updateComplete;
      await el.updateComplete;
      expect(q(el, '.error').textContent!.trim()).to.equal(text);
      expect(q(el, field).getAttribute('aria-invalid')).to.equal('true');
      expect(el.shadowRoot!.activeElement).to.equal(q(el, field));
    }
    expect(submitted).to.equal(0);
  });

  it('emits the PIN once and clears both fields', async () => {
    const el = await fixture<PinEntry>(
      html`<scss-pin-entry .rules=${{ minLength: 6, maxLength: 8, numeric: true }}></scss-pin-entry>`,
    );
    await type(el, '24681357', '24681357');
    setTimeout(() => q<HTMLButtonElement>(el, 'button[type="submit"]').click());
    const ev = (await oneEvent(el, 'pin-submit')) as CustomEvent<{ pin: string }>;
    expect(ev.detail.pin).to.equal('24681357');
    expect(q<HTMLInputElement>(el, '#pin').value).to.equal('');
    expect(q<HTMLInputElement>(el, '#pin2').value).to.equal('');
  });

  it('shows the PIN on request and says how many tries are left', async () => {
    const el = await fixture<PinEntry>(html`<scss-pin-entry retries-left="1"></scss-pin-entry>`);
    expect(q(el, '#retries').textContent!.trim()).to.equal(
      'Achtung: nur noch 1 Versuch, danach ist die PIN gesperrt.',
    );
    q<HTMLButtonElement>(el, 'button[aria-pressed]').click();
    await el.updateComplete;
    expect(q(el, '#pin').getAttribute('type')).to.equal('text');
    await setAppLocale('en');
    el.retriesLeft = 2;
    await el.updateComplete;
    expect(q(el, '#retries').textContent!.trim()).to.equal('2 attempts left.');
  });

  it('is accessible (axe), also while showing an error', async () => {
    const el = await fixture<PinEntry>(html`<scss-pin-entry retries-left="2"></scss-pin-entry>`);
    await expect(el).to.be.accessible();
    q<HTMLButtonElement>(el, 'button[type="submit"]').click();
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });
});

describe('<scss-pin-display>', () => {
  it('hides the PIN until revealed, then shows it grouped', async () => {
    const el = await fixture<PinDisplay>(html`<scss-pin-display .pin=${'1234567890'}></scss-pin-display>`);
    expect(el.shadowRoot!.textContent).not.to.contain('1234');
    q<HTMLButtonElement>(el, 'button[aria-pressed]').click();
    await el.updateComplete;
    const groups = [...el.shadowRoot!.querySelectorAll('.pin span')].map((s) => s.textContent);
    expect(groups).to.deep.equal(['1234', '5678', '90']);
    await expect(el).to.be.accessible();
  });

  it('copies the PIN to the clipboard', async () => {
    const el = await fixture<PinDisplay>(html`<scss-pin-display .pin=${'86420000'}></scss-pin-display>`);
    let written = '';
    const original = navigator.clipboard.writeText;
    navigator.clipboard.writeText = async (t: string) => void (written = t);
    try {
      q<HTMLButtonElement>(el, 'button:not([aria-pressed])').click();
      await new Promise((r) => setTimeout(r));
      await el.updateComplete;
      expect(written).to.equal('86420000');
      expect(q(el, '[role="status"]').textContent).to.equal('In die Zwischenablage kopiert.');
    } finally {
      navigator.clipboard.writeText = original;
    }
  });

  it('forgets the PIN when it leaves the page', async () => {
    const el = await fixture<PinDisplay>(html`<scss-pin-display .pin=${'11112222'}></scss-pin-display>`);
    el.remove();
    expect(el.pin).to.equal('');
    document.body.append(el);
    await el.updateComplete;
    expect(el.shadowRoot!.textContent!.trim()).to.equal('');
    el.remove();
  });
});
