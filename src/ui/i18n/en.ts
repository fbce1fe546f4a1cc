/**
 * English translations, keyed by the explicit message ids used in `msg(…, { id })`.
 * German is the source text in the components. Every id used in src/ui must appear here;
 * test/unit/ui/i18n-ids.test.ts checks both directions.
 */
import { str } from '@lit/localize';

type Template = string | ReturnType<typeof str>;

export const templates: Record<string, Template> = {
  'lang.group': 'Language',
  'net.online': 'Online',
  'net.offline': 'Offline – saved data only',
  'net.unreachable': 'Server unreachable',
  'net.announce.offline': 'You are offline. Saved data stays readable.',
  'net.announce.unreachable': 'The card server cannot be reached.',
  'net.announce.online': 'Back online.',
  'update.announce': 'A new version is available.',
  'update.title': 'New version available',
  'update.body': 'Reload when no card operation is running.',
  'update.reload': 'Reload',
  'update.later': 'Later',
  'install.button': 'Install',
  'shell.skip': 'Skip to content',
  'shell.offline-ready': 'The app is now available offline too.',
  'home.title': 'Manage your smart card yourself',
  'home.intro': 'Get a proposed PIN, unblock a blocked PIN, enroll a card, and see your cards and certificates.',
  'home.routes': 'Access to the card reader in this browser',
  'route.available': 'available',
  'route.limited': 'limited',
  'route.unavailable': 'not available',
  'route.webusb.available': 'This app runs as an Isolated Web App and may talk to USB card readers directly.',
  'route.webusb.limited':
    'The browser blocks USB card readers (device class 0x0B) for ordinary web pages. Only readers with a vendor-specific interface work here; for all others you need the app as an Isolated Web App.',
  'route.webusb.unavailable': 'This browser offers no WebUSB (e.g. Firefox or Safari). Use Chrome or Edge.',
  'route.wsc.available': "The Web Smart Card API is present: readers are reached through the system's smart card service.",
  'route.wsc.unavailable': 'The Web Smart Card API exists only in Isolated Web Apps, currently on ChromeOS only.',
  'route.webhid': 'No card reader can be reached through WebHID; card readers do not speak APDUs there.',
  'route.sim.title': 'Simulator',
  'route.sim': 'A virtual reader with a virtual card to try things out, without any hardware.',
  'pin.err.empty': 'Please enter a PIN.',
  'pin.err.short': str`The PIN is too short: at least ${0} characters.`,
  'pin.err.long': str`The PIN is too long: at most ${0} characters.`,
  'pin.err.charset': 'The PIN may contain digits only.',
  'pin.err.mismatch': 'The two entries do not match. Please enter the PIN again.',
  'pin.hint.numeric': str`${0} to ${1} digits.`,
  'pin.hint.any': str`${0} to ${1} characters.`,
  'pin.retries.one': 'Caution: only 1 attempt left, then the PIN is blocked.',
  'pin.retries': str`${0} attempts left.`,
  'pin.label': 'New PIN',
  'pin.confirm': 'Repeat PIN',
  'pin.show': 'Show PIN',
  'pin.submit': 'Set PIN',
  'pindisplay.hidden': 'The PIN is hidden.',
  'pindisplay.copy': 'Copy PIN',
  'pindisplay.copied': 'Copied to the clipboard.',
};
