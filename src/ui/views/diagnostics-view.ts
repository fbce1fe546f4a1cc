import { LitElement, css, html, nothing } from 'lit';
import { msg, updateWhenLocaleChanges } from '@lit/localize';
import type { ApduLog } from '../../transport/apdu-log';
import { theme } from '../shell/theme';

/** What the diagnostics view shows; assembled by the app from the session, never from secrets. */
export interface DiagnosticsInfo {
  reader: string[];
  atr: string[];
  card: string[];
}

/**
 * Diagnostics for the help desk: reader and card facts, the APDU log (already redacted when it was
 * recorded: PINs, keys and authentication data never enter it), and "export support bundle",
 * a JSON file the user can attach to a ticket. The bundle is built by the app's `bundle` callback.
 */
export class DiagnosticsView extends LitElement {
  static override properties = {
    info: { attribute: false },
    log: { attribute: false },
    bundle: { attribute: false },
    supportContact: { attribute: false },
  };
  declare info: DiagnosticsInfo;
  /** The help desk an administrator configured (managed configuration or config.json). */
  declare supportContact: string | undefined;
  declare log: ApduLog | undefined;
  declare bundle: (() => unknown) | undefined;

  static override styles = [
    theme,
    css`
      pre,
      table {
        font-family: ui-monospace, Consolas, monospace;
        font-size: 0.85rem;
      }
      pre {
        background: var(--c-panel);
        padding: 0.5rem;
        white-space: pre-wrap;
      }
      table {
        border-collapse: collapse;
        width: 100%;
      }
      th,
      td {
        text-align: left;
        border-bottom: 1px solid #d0d0d0;
        padding: 0.2rem 0.4rem;
        vertical-align: top;
        word-break: break-all;
      }
      /* Time and status word are short tokens: never break them one character per line. */
      td.nowrap,
      th {
        white-space: nowrap;
        word-break: normal;
      }
      .log {
        max-height: 24rem;
        overflow: auto;
      }
    `,
  ];

  private readonly onLog = () => this.requestUpdate();

  constructor() {
    super();
    this.info = { reader: [], atr: [], card: [] };
    updateWhenLocaleChanges(this);
  }

  override updated(changed: Map<string, unknown>): void {
    if (changed.has('log')) {
      (changed.get('log') as ApduLog | undefined)?.removeEventListener('change', this.onLog);
      this.log?.addEventListener('change', this.onLog);
    }
  }

  private exportBundle(): void {
    if (!this.bundle) return;
    const blob = new Blob([JSON.stringify(this.bundle(), null, 2)], { type: 'application/json' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `smartcard-support-${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
    a.click();
    // Why 60 s: the download has started long before; the URL only has to outlive the click.
    setTimeout(() => URL.revokeObjectURL(a.href), 60_000);
  }

  private section(title: string, lines: string[]) {
    return html`<h2>${title}</h2>
      ${lines.length ? html`<pre>${lines.join('\n')}</pre>` : html`<p>${msg('Keine Angaben.', { id: 'diag.none' })}</p>`}`;
  }

  override render() {
    const entries = this.log?.entries ?? [];
    return html`<h1>${msg('Diagnose', { id: 'diag.title' })}</h1>
      <p>
        ${msg('PINs, Schlüssel und Authentisierungsdaten werden nie aufgezeichnet; sie erscheinen als **.', { id: 'diag.redaction' })}
      </p>
      <button @click=${this.exportBundle} ?disabled=${!this.bundle}>
        ${msg('Support-Paket exportieren', { id: 'diag.export' })}
      </button>
      <h2>${msg('IT-Support', { id: 'diag.support' })}</h2>
      <p id="support">
        ${this.supportContact ?? msg('Ihre IT hat hier keinen Kontakt hinterlegt. Wenden Sie sich an Ihren üblichen IT-Support.', { id: 'diag.support.none' })}
      </p>
      ${this.section(msg('Kartenleser', { id: 'diag.reader' }), this.info.reader)}
      ${this.section('ATR', this.info.atr)} ${this.section(msg('Karte', { id: 'diag.card' }), this.info.card)}
      <h2>${msg('APDU-Protokoll', { id: 'diag.log' })}</h2>
      ${
        entries.length === 0
          ? html`<p>${msg('Noch keine Befehle an die Karte.', { id: 'diag.log.empty' })}</p>`
          : html`<div
              class="log"
              tabindex="0"
              role="region"
              aria-label=${msg('APDU-Protokoll', { id: 'diag.log' })}
            >
              <table>
                <thead>
                  <tr>
                    <th scope="col">ms</th>
                    <th scope="col">${msg('Befehl', { id: 'diag.cmd' })}</th>
                    <th scope="col">${msg('Antwort', { id: 'diag.resp' })}</th>
                    <th scope="col">SW</th>
                  </tr>
                </thead>
                <tbody>
                  ${entries.map(
                    (e) =>
                      html`<tr>
                        <td class="nowrap">${e.ms}</td>
                        <td>${e.command}</td>
                        <td>${e.response || nothing}</td>
                        <td class="nowrap">${e.sw}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>
            </div>`
      }`;
  }
}
customElements.define('scss-diagnostics-view', DiagnosticsView);
