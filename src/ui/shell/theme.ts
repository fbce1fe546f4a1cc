/**
 * Shared design tokens. Colours are checked for WCAG 2.1 AA contrast (1.4.3): text on white
 * ≥ 4.5:1 (#1a1a1a 17.4:1, #0b3d91 10.1:1, #8a1c1c 8.9:1, #4a4a4a 8.9:1), white on the header
 * blue 10.1:1. Focus is always visible (2.4.7) with a ring of ≥ 3:1 on white, panel and header
 * blue (1.4.11); disabled buttons are grey with a not-allowed cursor.
 */
import { css } from 'lit';

export const theme = css`
  :host {
    --c-text: #1a1a1a;
    --c-muted: #4a4a4a;
    --c-brand: #0b3d91;
    --c-brand-contrast: #ffffff;
    --c-bad: #8a1c1c;
    --c-good: #1d5e20;
    --c-surface: #ffffff;
    --c-panel: #f3f5f9;
    --c-border: #6b6b6b;
    --c-focus: #cc7a00;
    --radius: 6px;
    font-family: system-ui, 'Segoe UI', Roboto, sans-serif;
    color: var(--c-text);
  }
  button {
    font: inherit;
    border-radius: var(--radius);
    border: 1px solid var(--c-brand);
    background: var(--c-brand);
    color: var(--c-brand-contrast);
    padding: 0.4em 0.9em;
    cursor: pointer;
    min-height: 44px;
  }
  button.secondary {
    background: var(--c-surface);
    color: var(--c-brand);
  }
  /* Toggles: the pressed state shows by inverted colours and a check mark, not by hue alone (1.4.1);
     the mark has empty alt text because aria-pressed already says it to assistive technology. */
  button.secondary[aria-pressed='true'] {
    background: var(--c-brand);
    color: var(--c-brand-contrast);
  }
  button.secondary[aria-pressed='true']::before {
    content: '✓ ' / '';
  }
  /* Disabled looks disabled: grey, no pointer (the label stays readable, 5.7:1, though 1.4.3
     exempts inactive controls). */
  button:disabled,
  button.secondary:disabled {
    background: #e8e8e8;
    color: #595959;
    border-color: #8a8a8a;
    cursor: not-allowed;
  }
  /* Focus ring ≥ 3:1 against every surface it is drawn on (1.4.11): white 3.3:1, panel 3.0:1,
     header blue 3.0:1. */
  :focus-visible {
    outline: 3px solid var(--c-focus);
    outline-offset: 2px;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
`;
