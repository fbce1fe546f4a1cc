/**
 * The shared theme as the browser computes it: disabled buttons look disabled (other colours, no
 * pointer cursor), and the focus ring has at least 3:1 contrast (WCAG 1.4.11) against every
 * surface it is drawn on — white, the panel grey and the header blue.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { LitElement } from 'lit';
import { theme } from '../../src/ui/shell/theme';

class ThemeProbe extends LitElement {
  static override styles = [theme];
  override render() {
    return html`<button id="on">Go</button><button id="off" disabled>Go</button>
      <button id="s-on" class="secondary">Go</button
      ><button id="s-off" class="secondary" disabled>Go</button>`;
  }
}
customElements.define('scss-theme-probe', ThemeProbe);

const rgb = (c: string) =>
  c
    .match(/\d+(\.\d+)?/g)!
    .slice(0, 3)
    .map(Number);
function luminance(c: string): number {
  const [r, g, b] = rgb(c).map((v) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}
const contrast = (a: string, b: string) => {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x! + 0.05) / (y! + 0.05);
};

describe('theme', () => {
  it('disabled buttons differ from enabled ones in colours and cursor', async () => {
    const el = await fixture<ThemeProbe>(html`<scss-theme-probe></scss-theme-probe>`);
    const cs = (id: string) => getComputedStyle(el.shadowRoot!.getElementById(id)!);
    for (const [on, off] of [
      ['on', 'off'],
      ['s-on', 's-off'],
    ] as const) {
      expect(cs(on).cursor).to.equal('pointer');
      expect(cs(off).cursor).to.equal('not-allowed');
      expect(cs(off).backgroundColor).not.to.equal(cs(on).backgroundColor);
      expect(cs(off).color).not.to.equal(cs(on).color);
      expect(contrast(cs(off).color, cs(off).backgroundColor)).to.be.greaterThan(4.5);
    }
  });

  it('the focus ring has ≥ 3:1 against white, the panel grey and the header blue', async () => {
    const el = await fixture<ThemeProbe>(html`<scss-theme-probe></scss-theme-probe>`);
    const b = el.shadowRoot!.getElementById('on')!;
    b.focus({ focusVisible: true } as FocusOptions);
    const ring = getComputedStyle(el).getPropertyValue('--c-focus').trim();
    expect(ring).to.match(/^#[0-9a-f]{6}$/i);
    const toRgb = (h: string) => `rgb(${[1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16)).join(', ')})`;
    const panel = getComputedStyle(el).getPropertyValue('--c-panel').trim();
    const brand = getComputedStyle(el).getPropertyValue('--c-brand').trim();
    for (const surface of ['#ffffff', panel, brand])
      expect(contrast(toRgb(ring), toRgb(surface)), surface).to.be.at.least(3);
    // The ring the stylesheet draws is that colour.
    const rule = [...el.shadowRoot!.adoptedStyleSheets.flatMap((s) => [...s.cssRules])].find((r) =>
      r.cssText.startsWith(':focus-visible'),
    );
    expect(rule?.cssText).to.contain('var(--c-focus)');
  });
});
