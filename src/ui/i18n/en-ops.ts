/**
 * English translations of the everyday operations (change-pin-view.ts, offline-unblock-view.ts and
 * their progress steps), keyed by explicit message id. Spread into `templates` of en.ts;
 * test/unit/ui/i18n-ids.test.ts checks ids in both directions.
 */
import { str } from '@lit/localize';

type Template = string | ReturnType<typeof str>;

export const opsTemplates: Record<string, Template> = {
  'flowstep.change-pin': 'Changing the PIN on the card',
  'flowstep.read-challenge': 'Reading the request code from the card',
  'flowstep.check-response': 'The card is checking the response code',
  'chpin.title': 'Change PIN',
  'chpin.start.title': "Change the card's PIN",
  'chpin.start.hint':
    'You need your current PIN. The change happens on the card only; no connection to the certificate server is needed.',
  'chpin.start': 'Start changing the PIN',
  'chpin.pins.title': 'Current and new PIN',
  'chpin.policy.card':
    "There are no rules from the certificate server for this card; the card's own limits apply.",
  'chpin.tries.one': 'Caution: only one try is left for the current PIN; after that it is blocked.',
  'chpin.tries': str`You have ${0} tries left for the current PIN.`,
  'chpin.current': 'Current PIN',
  'chpin.err.current': 'Please enter your current PIN.',
  'chpin.submit': 'Change PIN',
  'chpin.done.title': 'PIN changed',
  'chpin.done': 'Your card now has the new PIN. The old PIN no longer works.',
  'offunblock.title': 'Unblock the PIN with the help desk',
  'offunblock.start.title': 'Unblock without a connection',
  'offunblock.start.hint':
    'If your PIN is blocked and you cannot reach the certificate server (for example travelling without VPN), your IT help desk helps you by phone: the card shows a request code, and the help desk tells you the matching response code.',
  'offunblock.start': 'Show the request code',
  'offunblock.call.title': 'Call the help desk',
  'offunblock.call.hint':
    'Call your IT help desk and read out the card number and the request code. Leave the card in the reader meanwhile.',
  'offunblock.cardid': 'Card number',
  'offunblock.challenge': 'Request code',
  'offunblock.response': 'Response code from the help desk',
  'offunblock.response.hint': str`${0} characters (0–9, A–F); spaces do not matter.`,
  'offunblock.err.empty': 'Please enter the response code the help desk reads out to you.',
  'offunblock.submit': 'Unblock and set PIN',
  'renew.title': 'Renew certificates',
  'renew.start.title': 'New certificates for your card',
  'renew.start.hint':
    'Renew your certificates here before they expire: the certificate server issues new ones, and their keys are made on the card. Your PIN stays as it is.',
  'renew.start': 'Start renewing',
  'renew.type.title': 'What should happen?',
  'renew.type.legend': 'For this card the certificate server offers:',
  'renew.type.renew': 'Renew certificates',
  'renew.type.renew.hint': 'New keys and new certificates for the certificates already on the card.',
  'renew.type.update': 'Bring the card up to date',
  'renew.type.update.hint':
    'The card gets what the current template provides; certificates may be added or replaced.',
  'renew.type.none': 'Please choose what should happen.',
  'renew.pin.hint':
    "The new keys are made on the card and the certificate requests are signed by the card; that needs the card's PIN. Your PIN stays unchanged.",
  'renew.pin.approval':
    'The request must be approved first. The app waits for it and shows how often it has asked; you can also continue later.',
  'renew.pin.resume': 'Steps already done are not repeated.',
  'renew.pin.submit': 'Renew',
  'renew.done.title': 'Certificates renewed',
  'renew.done.update.title': 'Card brought up to date',
  'renew.done': 'The new keys and certificates are on the card. Your PIN stays unchanged.',
  'renew.cert': str`Certificate ${0}, serial number ${1}, valid until ${2}`,
  'renew.done.cards': 'See my cards and certificates',
  'renew.none.title': 'Renewal not possible',
  'renew.none':
    'The certificate server does not offer renewal for this card. Ask your IT if a certificate expires soon.',
  'renew.none.registered': 'This card is not in use at the certificate server. Register it first.',
  'nav.change-pin': 'Change PIN',
  'nav.offline-unblock': 'Unblock PIN with the help desk',
  'nav.renew': 'Renew certificates',
  'everyday.actions': 'More actions',
  'everyday.missing': 'More actions not available for this card',
  'everyday.why.card-type':
    'This card does not set its PIN from a response code; your IT unblocks a blocked PIN.',
  'everyday.why.not-registered': 'Only once the card is registered.',
  'everyday.why.not-allowed': 'The certificate server does not offer unblocking for this card.',
  'expiry.list': 'Validity of the certificates',
  'expiry.unknown': 'expiry date unknown',
  'expiry.expired': 'expired',
  'expiry.left.one': '1 day left',
  'expiry.today': 'expires today',
  'expiry.left': str`${0} days left`,
  'expiry.warn.expired': 'A certificate on this card has expired.',
  'expiry.warn.soon': str`A certificate on this card expires in less than ${0} days.`,
  'expiry.warn.next':
    'Have it renewed in time: with "Renew certificates" on the start page where the certificate server offers it for the inserted card, otherwise by your IT.',
  'expiry.replaced': 'replaced by a newer certificate',
  'err.response-format': str`The response code does not have the expected form: ${0} characters from 0–9 and A–F.`,
  'err.response-format.next': 'Type the code as the help desk reads it out; you may leave out the spaces.',
  'err.response-wrong': 'The card refused the response code. The failed attempt may be counted on the card.',
  'err.response-wrong.next':
    'Read the new request code the card now shows to your IT help desk and enter the new response.',
};
