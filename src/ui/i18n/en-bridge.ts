/**
 * English texts of the card bridge errors (error-text-bridge.ts), keyed by message id; spread
 * into `templates` of en.ts. test/unit/ui/i18n-ids.test.ts checks ids in both directions.
 */
import { str } from '@lit/localize';

type Template = string | ReturnType<typeof str>;

export const templates: Record<string, Template> = {
  'err.bridge.this-origin': 'this address',
  'err.bridge.not-running': 'The card bridge is not running on this computer, or is not installed.',
  'err.bridge.not-running.next-dl': str`Sign out and in again (the card bridge then starts by itself). If it is not installed, download it here: ${0} – or contact your IT.`,
  'err.bridge.not-running.next':
    'Sign out and in again (the card bridge then starts by itself). If it is not installed, contact your IT.',
  'err.bridge.lna-prompt':
    'The browser is asking whether this page may use devices on your local network – that is the card bridge.',
  'err.bridge.lna-prompt.next':
    'Choose "Allow" in the prompt at the top, then choose "Card bridge" again. If no prompt appears, reload the page.',
  'err.bridge.lna-denied':
    'The browser blocks this page from the local network, and so from the card bridge.',
  'err.bridge.lna-denied.next':
    'Click the site settings icon at the left of the address bar, set "Local network" to "Allow" and reload the page. Your IT can also allow the page by policy.',
  'err.bridge.origin-refused': 'The card bridge does not accept connections from this page.',
  'err.bridge.origin-refused.next': str`Ask your IT to allow ${0} in the card bridge configuration.`,
  'err.bridge.too-old': 'The installed card bridge is too old for this app.',
  'err.bridge.too-old.next-dl': str`Install the current version: ${0} – or contact your IT.`,
  'err.bridge.too-old.next': 'Ask your IT for the current version of the card bridge.',
  'err.bridge.no-reader': 'The card bridge finds no card reader.',
  'err.bridge.no-reader.next': 'Connect the card reader and choose "Card bridge" again.',
  'err.bridge.no-service': "The operating system's smart card service is not running right now.",
  'err.bridge.no-service.next':
    'Connect the card reader (Windows then starts the service by itself) and try again. If that does not help, contact your IT.',
  'err.bridge.gone': 'The connection to the card bridge was interrupted.',
  'err.bridge.gone.next':
    'Wait until the card bridge runs again (or sign out and in again), then repeat the operation; steps already done are not repeated.',
};
