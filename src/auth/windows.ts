/**
 * Windows mode (Windows Integrated Authentication, service-details.md "Request and response
 * headers"): the browser answers IIS's `WWW-Authenticate: Negotiate` itself — only for hosts the
 * `AuthServerAllowlist` policy names — so the app adds no header and sends credentials. A 401
 * that still asks for Negotiate means the browser did not negotiate: IT has to act, the user
 * cannot, so the state turns `refused` and the UI explains what to set.
 */
import type { UnauthorizedInfo } from '../cm/auth';
import { AUTH_CHANGE, type AuthSession, type AuthStatus } from './types';

export class WindowsAuth extends EventTarget implements AuthSession {
  readonly mode = 'windows' as const;
  readonly userName = undefined;
  private state: AuthStatus = 'windows';

  get status(): AuthStatus {
    return this.state;
  }

  /** No header: the browser adds `Authorization: Negotiate …` after IIS's challenge. */
  async authorization(): Promise<string | undefined> {
    return undefined;
  }

  /** Nothing to renew; records the refusal so the UI can say what IT must configure. */
  async unauthorized(info: UnauthorizedInfo): Promise<boolean> {
    if (
      info.challenges.some((c) => c.scheme === 'negotiate' || c.scheme === 'ntlm') ||
      info.challenges.length === 0
    ) {
      this.set('refused');
    }
    return false;
  }

  async signIn(): Promise<void> {
    // Nothing the app can do: Windows sign-in is the workstation's.
  }

  async signOut(): Promise<void> {}

  private set(s: AuthStatus): void {
    this.state = s;
    this.dispatchEvent(new Event(AUTH_CHANGE));
  }
}
