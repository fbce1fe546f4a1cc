/**
 * The shell's styles: the brand header (title, main menu, language, connectivity, install), the
 * centred main column, the skip link that shows when focused (WCAG 2.4.1) and the store notice.
 */
import { css } from 'lit';
import { mainNavStyles } from './main-nav';
import { theme } from './theme';

export const appShellStyles = [
  theme,
  mainNavStyles,
  css`
    :host {
      display: block;
      min-height: 100vh;
    }
    header {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.75rem 1rem;
      padding: 0.5rem 1rem;
      background: var(--c-brand);
      color: var(--c-brand-contrast);
    }
    .brand {
      font-weight: 700;
      font-size: 1.15rem;
      margin-right: auto;
    }
    main {
      max-width: 56rem;
      margin: 0 auto;
      padding: 1rem;
    }
    .skip {
      position: absolute;
      left: -999px;
    }
    .notice {
      background: #fff4d6;
      border: 2px solid #8a6100;
      border-radius: var(--radius);
      padding: 0.5rem 1rem;
    }
    .skip:focus {
      left: 1rem;
      top: 0.5rem;
      background: var(--c-surface);
      color: var(--c-brand);
      padding: 0.5rem;
    }
    `,
];
