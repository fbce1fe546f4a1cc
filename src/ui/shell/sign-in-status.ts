import { LitElement, css, html, nothing } from 'lit';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { AUTH_CHANGE, type AuthSession } from '../../auth/types';
import { serverErrorText } from '../i18n/error-text-server';
import { theme } from './theme';

/** Sign-in failures whose error text names a next step of its own (the IWA's loopback sign-in). */
const OWN_NEXT_STEP = new Set(['auth/sign-in-timeout', 'auth/loopback-unavailable']);

/**
 * The sign-in bar under the header: who is signed in and a sign-out button (OIDC), a sign-in
 * button when there is no token, an alert when the sign-in expired, and — in Windows mode — what
 * IT must set when the server refused integrated authentication. Presentation only: the session
 * object does the work. Alerts use `role="alert"` (WCAG 4.1.3); buttons are real buttons (2.1.1).
 */
export class SignInStatus extends LitElement {
  static override properties = {
    session: { attribute: false },
    supportContact: { attribute: false },
    cmHost: { attribute: false },
    issues: { attribute: false },
    busy: { state: true },
    failure: { state: true },
  };
  declare session: AuthSession | undefined;
  /** From the configuration; named in every "ask IT" text. */
  declare supportContact: string | undefined;
  /** Host of the CM server, for the AuthServerAllowlist explanation. */
  declare cmHost: string | undefined;
  /** Sign-in configuration problems (admin-facing, English), when the configuration was rejected. */
  declare issues: readonly string[] | undefined;
  declare busy: boolean;
  /** Code of the last interactive sign-in that failed with an app error (`auth/…`), until the next try. */
  declare failure: string | undefined;
  private observed: AuthSession | undefined;
  private readonly onChange = () => this.requestUpdate();

  static override styles = [
    theme,
    css`
      :host {
        display: block;
      }
      .bar {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        justify-content: flex-end;
        gap: 0.5rem 1rem;
        padding: 0.4rem 1rem;
        border-bottom: 1px solid var(--c-border, #767676);
      }
      .alert {
        margin: 0.5rem 1rem;
        padding: 0.5rem 1rem;
        background: #fff4d6;
        color: #1a1a1a;
        border: 2px solid #8a6100;
        border-radius: var(--radius);
      }
      .alert p {
        margin: 0.25rem 0;
        overflow-wrap: anywhere;
      }
      code {
        overflow-wrap: anywhere;
      }
    `,
  ];

  constructor() {
    super();
    this.busy = false;
    updateWhenLocaleChanges(this);
  }

  override updated(): void {
    if (this.observed !== this.session) {
      this.observed?.removeEventListener(AUTH_CHANGE, this.onChange);
      this.session?.addEventListener(AUTH_CHANGE, this.onChange);
      this.observed = this.session;
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.observed?.removeEventListener(AUTH_CHANGE, this.onChange);
    this.observed = undefined;
  }

  private async act(what: 'in' | 'out'): Promise<void> {
    if (!this.session || this.busy) return;
    this.busy = true;
    this.failure = undefined;
    try {
      if (what === 'in') await this.session.signIn(location.pathname);
      else await this.session.signOut();
    } catch (e) {
      // A closed popup is the user's choice and needs no message; our own sign-in errors do.
      const code = (e as { code?: unknown })?.code;
      if (typeof code === 'string' && code.startsWith('auth/')) this.failure = code;
      else throw e;
    } finally {
      this.busy = false;
    }
  }

  private support() {
    const c = this.supportContact;
    return c
      ? html`<p>${msg(str`Ansprechpartner: ${c}`, { id: 'auth.support' })}</p>`
      : html`<p>${msg('Wenden Sie sich an Ihre IT-Hotline.', { id: 'auth.support.none' })}</p>`;
  }

  private signInButton(label: string) {
    return html`<button type="button" ?disabled=${this.busy} @click=${() => this.act('in')}>
      ${label}
    </button>`;
  }

  private failed() {
    // The error-code table's text (the timeout and loopback codes have their own next step).
    const next =
      (OWN_NEXT_STEP.has(this.failure ?? '') &&
        serverErrorText(this.failure!, { code: this.failure })?.next) ||
      msg('Klicken Sie auf „Anmelden“, um es erneut zu versuchen.', { id: 'auth.failed.other' });
    return html`<div class="alert" role="alert">
      <p><strong>${msg('Die Anmeldung wurde nicht abgeschlossen.', { id: 'auth.failed' })}</strong></p>
      <p>${next}</p>
      ${this.support()}
    </div>`;
  }

  override render() {
    if (this.issues?.length) {
      return html`<div class="alert" role="alert">
        <p><strong>${msg('Die Anmeldung ist falsch eingerichtet.', { id: 'auth.misconfigured' })}</strong></p>
        <p>
          ${msg('Ihre IT muss die Konfiguration (config.json oder Richtlinie) korrigieren:', { id: 'auth.misconfigured.next' })}
        </p>
        <ul>
          ${this.issues.map((i) => html`<li><code>${i}</code></li>`)}
        </ul>
        ${this.support()}
      </div>`;
    }
    const s = this.session;
    if (!s) return nothing;
    switch (s.status) {
      case 'windows':
        return nothing;
      case 'refused':
        return html`<div class="alert" role="alert">
          <p>
            <strong
              >${msg('Der Zertifikatsserver hat die Windows-Anmeldung abgelehnt.', { id: 'auth.refused' })}</strong
            >
          </p>
          <p>
            ${msg(str`Ihr Browser hat sich nicht automatisch angemeldet. Ihre IT muss den Server ${this.cmHost ?? '–'} in der Browser-Richtlinie „AuthServerAllowlist“ eintragen (bei Bedarf auch „AuthNegotiateDelegateAllowlist“).`, { id: 'auth.refused.next' })}
          </p>
          ${this.support()}
        </div>`;
      case 'expired':
        return html`${this.failure ? this.failed() : nothing}
          <div class="alert" role="alert">
            <p><strong>${msg('Ihre Anmeldung ist abgelaufen.', { id: 'auth.expired' })}</strong></p>
            <p>
              ${msg('Melden Sie sich erneut an. Ein unterbrochener Vorgang wird danach dort fortgesetzt, wo er stand.', { id: 'auth.expired.next' })}
            </p>
            ${this.signInButton(msg('Erneut anmelden', { id: 'auth.signin.again' }))}
          </div>`;
      case 'signed-in':
        return html`<div class="bar">
          <span>${msg(str`Angemeldet als ${s.userName ?? '–'}`, { id: 'auth.signed-in' })}</span>
          <button type="button" class="secondary" ?disabled=${this.busy} @click=${() => this.act('out')}>
            ${msg('Abmelden', { id: 'auth.signout' })}
          </button>
        </div>`;
      case 'signing-in':
        return html`<div class="bar">
          <span role="status"
            >${
              s.signInInBrowserTab
                ? msg(
                    'Melden Sie sich auf der Seite an, die sich in Ihrem Browser geöffnet hat. Die App macht danach von selbst weiter.',
                    { id: 'auth.signing-in.tab' },
                  )
                : msg('Anmeldung läuft …', { id: 'auth.signing-in' })
            }</span
          >
        </div>`;
      default:
        return html`${this.failure ? this.failed() : nothing}
          <div class="bar">
            <span
              >${msg('Nicht angemeldet. Für Kartenvorgänge melden Sie sich mit Ihrem Firmenkonto an.', { id: 'auth.signed-out' })}</span
            >
            ${this.signInButton(msg('Anmelden', { id: 'auth.signin' }))}
          </div>`;
    }
  }
}
customElements.define('scss-sign-in-status', SignInStatus);
