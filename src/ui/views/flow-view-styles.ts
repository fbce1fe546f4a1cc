/**
 * The styles the flow views share (views/flow-view.ts): the step column, button rows, the failure
 * and done boxes, hints and neutral notices. Long serial numbers and distinguished names break
 * anywhere rather than scroll sideways at 320 px (WCAG 1.4.10).
 */
import { css } from 'lit';

/** Styles shared by the four flow views. */
export const flowViewStyles = css`
  :host {
    display: block;
  }
  section {
    display: grid;
    gap: 0.75rem;
    max-width: 40rem;
  }
  h2:focus {
    outline: none;
  }
  h2:focus-visible {
    outline: 3px solid #e0b03a;
  }
  .row {
    display: flex;
    gap: 0.5rem;
    flex-wrap: wrap;
  }
  .failure,
  .done {
    background: var(--c-panel);
    padding: 0.5rem 1rem;
    border-left: 6px solid var(--c-bad);
  }
  /* Serial numbers and distinguished names have no break points: break them rather than scroll sideways at 320 px. */
  .failure,
  .done,
  .certs {
    overflow-wrap: anywhere;
  }
  .done {
    border-left-color: var(--c-good);
  }
  .hint {
    color: var(--c-muted);
  }
  .info {
    background: var(--c-panel);
    padding: 0.5rem 1rem;
    border-left: 6px solid var(--c-brand);
  }
`;
