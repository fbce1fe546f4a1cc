/**
 * English translations of the card screens: PIN entry and display, the card panel and its
 * status words, the cards view with certificates, and the card's actions. Keyed by explicit
 * message id; spread into `templates` of en.ts; test/unit/ui/i18n-ids.test.ts checks ids in both
 * directions.
 */
import { str } from '@lit/localize';

type Template = string | ReturnType<typeof str>;

export const cardTemplates: Record<string, Template> = {
  'pin.err.empty': 'Please enter a PIN.',
  'pin.err.short': str`The PIN is too short. ${0}`,
  'pin.err.long': str`The PIN is too long. ${0}`,
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
  'pindisplay.cleared': 'The clipboard has been cleared.',
  'pindisplay.not-cleared': 'The PIN is still in the clipboard. Copy something else to remove it.',
  'pindisplay.clip-note': str`A copied PIN stays in the clipboard, where other programs can read it too. The app clears the clipboard after ${0} seconds where the browser allows it.`,
  'pindisplay.copied': 'Copied to the clipboard.',
  'card.noroute': 'From this computer the app cannot read your card.',
  'card.noroute.nousb':
    'This browser cannot reach card readers (it offers neither WebUSB nor a card service).',
  'card.noroute.limited':
    'Chrome and Edge block almost all USB card readers for web pages, and no card bridge is set up on this computer.',
  'card.noroute.next':
    'Ask your IT for the "Card bridge" (Kartenbrücke) for this computer, and use Chrome or Microsoft Edge.',
  'card.type.gids': 'GIDS (Windows smart card)',
  'card.type.piv': 'PIV',
  'card.type.unknown': 'Unknown card',
  'card.no-reader': 'No card reader selected.',
  'card.insert': 'Please insert your card.',
  'card.reading': 'Reading the card …',
  'card.type': 'Card type',
  'card.id': 'Card ID',
  'card.cm-status': 'Status on the server',
  'card.atr-decoded': 'ATR decoded',
  'card.title': 'Your card',
  'cards.updated': 'Cards updated.',
  'cards.card': 'Smart card',
  'cards.status': 'Status',
  'cards.unknown': 'unknown to the server',
  'cards.nocerts': 'No certificates.',
  'cards.certs': 'Certificates',
  'cards.template': 'Template',
  'cards.serial': 'Serial number',
  'cards.until': 'Valid until',
  'cards.synced': str`Last synced: ${0}`,
  'cards.never': 'Never synced with the server.',
  'cards.title': 'My cards and certificates',
  'cards.offline': 'Offline: you see the last saved state; changes are not possible now.',
  'cards.refresh': 'Update from the server',
  'cards.empty': 'No cards saved yet. They are loaded as soon as you are online.',
  'cards.empty.online': 'No cards saved yet.',
  'cards.loading': 'Loading cards from the server …',
  'cards.none': 'The certificate server has no card registered for you.',
  'cards.stale': 'You see the last saved state.',
  'status.new': 'New',
  'status.assigned': 'Assigned (enrollment not finished)',
  'status.active': 'Active',
  'status.disabled': 'Disabled',
  'status.suspended': 'Suspended',
  'status.retired': 'Retired',
  'cert.expired': 'Expired',
  'cert.expiring.1': 'Expires tomorrow',
  'cert.expiring': str`Expires in ${0} days`,
  'actions.missing': 'Not available for this card',
  'actions.why.card-type':
    'This card does not set its PIN through the certificate server; your IT unblocks a blocked PIN.',
  'actions.why.not-registered': 'Only once the card is enrolled.',
  'actions.why.registered': 'The card is enrolled already.',
  'actions.why.retired': 'The card is retired.',
  'actions.why.not-active': 'The enrollment is not finished yet; continue it with "Enroll card".',
  'actions.why.not-allowed':
    'The certificate server does not offer this for this card (template, card status or permission).',
  'pin.hint.numeric.exact': str`Exactly ${0} digits.`,
  'pin.hint.any.exact': str`Exactly ${0} characters.`,
};
