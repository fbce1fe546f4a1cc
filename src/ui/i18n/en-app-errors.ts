/** English for src/ui/i18n/error-text-app.ts (ids `err.card-protocol` …; `err.sim` is in en-sim.ts). */
export const appErrorTemplates: Record<string, string> = {
  'err.card-protocol': 'The card gave an answer the app cannot continue with.',
  'err.card-protocol.next':
    'Take the card out, insert it again and retry. If the error stays, export a support bundle under “Diagnostics” for your IT.',
  'err.refused-input': 'The app noticed invalid data and sent nothing to the card or the server.',
  'err.refused-input.next':
    'Start the operation again. If the error stays, export a support bundle under “Diagnostics” for your IT.',
  'err.card-full': 'The card has no room for another certificate.',
  'err.card-full.next': 'Your IT can have certificates that are no longer needed removed from the card.',
  'err.config': 'The app’s settings are invalid.',
  'err.config.next': 'Your IT has to correct the app’s configuration.',
  'err.certificate-response': 'The issued certificate does not match the card or is damaged.',
  'err.certificate-response.next': 'Start the operation again; if the error stays, contact your IT.',
  'err.aborted': 'The operation was cancelled.',
  'err.aborted.next': 'You can restart it at any time; steps already done are kept.',
};
