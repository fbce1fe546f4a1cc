/**
 * English translations of the sign-in bar (shell/sign-in-status.ts) and the sign-in error texts
 * (error-text.ts). Spread into `templates` of en.ts; test/unit/ui/i18n-ids.test.ts checks ids.
 */
import { str } from '@lit/localize';

type Template = string | ReturnType<typeof str>;

export const templates: Record<string, Template> = {
  'auth.support': str`Contact: ${0}`,
  'auth.support.none': 'Contact your IT help desk.',
  'auth.misconfigured': 'Sign-in is set up incorrectly.',
  'auth.misconfigured.next': 'Your IT must correct the configuration (config.json or policy):',
  'auth.refused': 'The certificate server refused the Windows sign-in.',
  'auth.refused.next': str`Your browser did not sign in automatically. Your IT must add the server ${0} to the browser policy "AuthServerAllowlist" (and "AuthNegotiateDelegateAllowlist" if needed).`,
  'auth.expired': 'Your sign-in has expired.',
  'auth.expired.next': 'Sign in again. An interrupted operation then continues where it stopped.',
  'auth.signin.again': 'Sign in again',
  'auth.signed-in': str`Signed in as ${0}`,
  'auth.signout': 'Sign out',
  'auth.signing-in': 'Signing in …',
  'auth.signing-in.tab':
    'Sign in on the page that opened in your browser. The app continues by itself afterwards.',
  'auth.failed': 'Sign-in was not completed.',
  'auth.failed.timeout': 'No answer from the sign-in page within 5 minutes. Click "Sign in" to try again.',
  'auth.failed.loopback':
    'This installation of the app cannot receive the sign-in (Direct Sockets unavailable). Your IT must install the current version of the app.',
  'auth.failed.other': 'Click "Sign in" to try again.',
  'auth.signed-out': 'Not signed in. Sign in with your company account for card operations.',
  'auth.signin': 'Sign in',
  'err.signin-expired': 'Your sign-in at the certificate server has expired.',
  'err.signin-expired.next':
    'Sign in again with the button above; then choose "Continue where you stopped". Steps already done are not repeated.',
};
