/**
 * English translations, keyed by the explicit message ids used in `msg(…, { id })`.
 * German is the source text in the components. Every id used in src/ui must appear here;
 * test/unit/ui/i18n-ids.test.ts checks both directions.
 */
import { str } from '@lit/localize';
import { appErrorTemplates } from './en-app-errors';
import { templates as authTemplates } from './en-auth';
import { templates as bridgeTemplates } from './en-bridge';
import { templates as flowTemplates } from './en-flows';
import { simTemplates } from './en-sim';
import { opsTemplates } from './en-ops';
import { shellTemplates } from './en-shell';
import { cardTemplates } from './en-cards';
import { errorTemplates } from './en-errors';

type Template = string | ReturnType<typeof str>;

export const templates: Record<string, Template> = {
  ...flowTemplates,
  ...opsTemplates,
  // Simulator texts exist only in builds with the simulator (vite.config.ts __SIMULATOR__).
  ...(__SIMULATOR__ ? simTemplates : {}),
  ...authTemplates,
  ...bridgeTemplates,
  ...appErrorTemplates,
  ...shellTemplates,
  ...cardTemplates,
  ...errorTemplates,
  // Settings and Diagnostics.
  'settings.source.managed': 'Set by your IT through policy.',
  'settings.source.json': 'Set by your IT in config.json.',
  'settings.source.settings': 'Entered by you here.',
  'settings.source.default': 'Default: the same server as this app.',
  'settings.err.https': 'The address must start with https:// (http:// only for localhost).',
  'settings.err.url':
    'This is not a complete address. Example: https://cm.company.example/CertificateManagement/api/v1.0',
  'diag.support': 'IT support',
  'diag.support.none': 'Your IT has not entered a contact here. Turn to your usual IT support.',
  'settings.err.empty': 'Please enter the address of the certificate server.',
  'settings.err.credentials': 'The address must not contain a user name or password.',
  'settings.title': 'Settings',
  'settings.cm': 'Address of the certificate server (MIM CM)',
  'settings.order': 'Byte order of the card ID',
  'settings.order.hint': 'Change only when your IT tells you to: otherwise cards are not found.',
  'settings.save': 'Save',
  'settings.saved': 'Saved. The app uses the settings right away.',
  'diag.none': 'No information.',
  'diag.title': 'Diagnostics',
  'diag.redaction': 'PINs, keys and authentication data are never recorded; they show as **.',
  'diag.export': 'Export support bundle',
  'diag.reader': 'Card reader',
  'diag.card': 'Card',
  'diag.log': 'APDU log',
  'diag.log.empty': 'No commands sent to the card yet.',
  'diag.cmd': 'Command',
  'diag.resp': 'Response',
};
