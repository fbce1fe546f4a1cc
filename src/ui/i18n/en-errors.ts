/**
 * English translations of the error texts (i18n/error-text*.ts: card, reader, server and app
 * errors, each a "what happened" and a "what to do"), keyed by `err.*` message id. Spread into
 * `templates` of en.ts; the error-code walk test checks every code has both languages.
 */
import { str } from '@lit/localize';

type Template = string | ReturnType<typeof str>;

export const errorTemplates: Record<string, Template> = {
  'err.support-contact': str`IT support: ${0}`,
  'err.access-denied':
    'The browser does not release the card reader (USB card readers are blocked for web pages).',
  'err.access-denied.next': 'Use the app as an Isolated Web App; your IT can help set it up.',
  'err.card-removed': 'The card was removed during the operation.',
  'err.card-removed.next': 'Insert the card again and restart. Steps already done are not repeated.',
  'err.device-gone': 'The card reader was disconnected.',
  'err.device-gone.next': 'Reconnect the reader and choose it again.',
  'err.timeout': 'The card or the reader does not answer.',
  'err.timeout.next': 'Take the card out briefly, insert it again and retry.',
  'err.pin-wrong': 'Wrong PIN.',
  'err.pin-wrong.1': 'Wrong PIN – one try left.',
  'err.pin-wrong.n': str`Wrong PIN – ${0} tries left.`,
  'err.puk-wrong': 'Wrong PUK.',
  'err.puk-wrong.1': 'Wrong PUK – one try left.',
  'err.puk-wrong.n': str`Wrong PUK – ${0} tries left.`,
  'err.pin-wrong.next': 'Check what you typed and try again.',
  'err.pin-wrong.last': 'Check carefully: one more wrong attempt blocks it.',
  'err.pin-blocked': 'The PIN is blocked.',
  'err.pin-blocked.it': 'The app cannot unblock this card. Contact your IT.',
  'err.puk-blocked': 'The PUK is blocked.',
  'err.puk-blocked.next': 'The card can no longer be unblocked. Contact your IT for a new card.',
  'err.pin-blocked.next': 'Choose "Unblock PIN" to set a new PIN.',
  'err.admin-auth': 'The card refused the authorisation from the certificate server.',
  'err.admin-auth.next': "Contact your IT: the card's administrator key does not match the server's records.",
  'err.401': 'The certificate server did not sign you in.',
  'err.401.next':
    'Your IT must add the server to the browser policy "AuthServerAllowlist". Until then, sign in to the corporate network and reload.',
  'err.403': 'You are not permitted to do this.',
  'err.403.next': 'Contact your IT: your account needs the permission for this operation in MIM CM.',
  'err.404': "The certificate server's interface is not switched on.",
  'err.404.next': 'Your IT must enable the MIM CM REST API (Clm.WebApi.Enabled).',
  'err.500': 'The certificate server had an error.',
  'err.500.next': str`Try again later. Give your IT this reference: ${0}`,
  'err.cors': 'The browser blocks access to the certificate server (other origin, no CORS).',
  'err.cors.next': 'Your IT must host the app on the same server or allow CORS for this app in IIS.',
  'err.network': 'The certificate server cannot be reached.',
  'err.network.next': 'Check the network connection (VPN?) and try again.',
  'err.not-registered': 'The certificate server does not know this card.',
  'err.not-registered.next': 'Enroll the card with "Enroll card" or ask your IT.',
  'err.approval-timeout': 'Your request is still waiting for approval.',
  'err.approval-timeout.next': 'You may close the app; open it again later and the operation continues.',
  'err.approval-denied': 'Your request was rejected.',
  'err.approval-denied.next': 'Ask your IT for the reason.',
  'err.not-supported': 'This card does not support the operation.',
  'err.not-supported.next': 'Contact your IT.',
  'err.store': 'The local cache is not available.',
  'err.store.next': 'The app keeps working but saves nothing for the offline view.',
  'err.generic': str`Unexpected error (${0}).`,
  'err.generic.next':
    'Try again. If the error persists, export a support bundle under "Diagnostics" for your IT.',
  'err.already-registered': 'This card is already enrolled.',
  'err.already-registered.next': 'For an enrolled card choose "Get proposed PIN" or "Unblock PIN".',
  'err.retired': 'This card is retired.',
  'err.retired.next': 'A retired card cannot be used any more. Ask your IT for a new card.',
  'err.wrong-card': 'The reader holds a different card than when this operation began.',
  'err.wrong-card.next': 'Insert the original card, or start the operation again.',
  'err.card-error': 'The card refused a command.',
  'err.card-error.next':
    'Remove the card, insert it again and retry. If the error persists, export a support bundle under "Diagnostics".',
  'err.request-closed': "This operation's request is already closed or was withdrawn.",
  'err.request-closed.next': 'Start the operation again.',
  'err.state-lost': 'The certificate server no longer knows the interrupted operation.',
  'err.state-lost.next': 'It cannot be continued. Start the operation again.',
  'err.pin-policy': 'The PIN does not meet the rules.',
  'err.pin-policy.next': 'Choose a PIN with the stated length and allowed characters.',
  'err.data-missing': 'Information this request needs is missing.',
  'err.data-missing.next': 'Fill in the marked required fields.',
  'err.confirmation': 'This step needs your explicit confirmation.',
  'err.confirmation.next': 'Confirm and try again.',
  'err.server-unexpected': 'The certificate server gave an unexpected answer.',
  'err.server-unexpected.next':
    'Try again later; if it persists, export a support bundle under "Diagnostics" for your IT.',
  'err.store.quota': "The browser's storage for this app is full; nothing is saved locally.",
  'err.store.quota.next':
    "The app keeps working. Free up storage in the browser's settings to resume saving.",
  'err.card-pin-required': "This card's current PIN is needed.",
  'err.card-pin-required.next': "Enter your card's PIN; it stays unchanged.",
  'err.pcsc-unavailable': "The system's smart card service is not available.",
  'err.pcsc-unavailable.next':
    'On ChromeOS the "Smart Card Connector" extension must be installed; your IT can help.',
  'err.permission-denied': 'Access to the card reader was not allowed.',
  'err.permission-denied.next':
    'Allow access when the browser asks, or ask your IT for the "SmartCardConnectAllowedForUrls" policy.',
  'err.sharing': 'Another application is using the card right now.',
  'err.sharing.next': 'Close the other application or wait a moment and try again.',
  'err.card-reset': 'The system reset the connection to the card.',
  'err.card-reset.next': 'Start the operation again; steps already done are not repeated.',
  'err.card-unreadable': 'The card cannot be addressed.',
  'err.card-unreadable.next':
    "Insert the card the right way round and all the way. If that does not help, it may not be your company's card.",
  'err.reader-error': 'The card reader or the smart card service reports an error.',
  'err.reader-error.next': 'Remove the card, insert it again and retry.',
  'err.pfx':
    'For this certificate the server supplies a key to import; the app cannot write that to this card.',
  'err.pfx.next':
    'Enrollment was not completed. Contact your IT: the template must have the key generated on the card.',
  'err.reader-unsupported':
    'This card reader works in a way the app does not support (character-level transfer).',
  'err.reader-unsupported.next': 'Use another card reader; most readers on the market work.',
  'err.no-reader': 'No card reader was chosen.',
  'err.no-reader.next': "Connect the reader and choose it in the browser's dialog.",
};
