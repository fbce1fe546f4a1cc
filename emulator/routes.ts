/**
 * The route table: every documented method+path (docs/mim-cm-api.md "Operations", rows 1–24) plus the controller
 * table's r1/r2, matched case-insensitively (IIS paths are) with an optional trailing slash.
 */
import type { Handler } from './context';
import {
  certificateData,
  cardCertificates,
  generationOptions,
  profileCertificates,
  userCertificates,
} from './handlers-certs';
import {
  assignCard,
  authenticationResponse,
  cardOperations,
  diversifiedKeyHandler,
  findCards,
  getCard,
  serverProposedPin,
  updateCardStatus,
} from './handlers-cards';
import {
  getProfile,
  getTemplate,
  listProfiles,
  listTemplates,
  profileOperations,
  requestProfile,
  requestProfiles,
  smartcardConfig,
  workflowPolicy,
} from './handlers-catalog';
import { createRequest, getRequest, listRequests, updateRequest } from './handlers-requests';

export interface Route {
  method: 'GET' | 'POST' | 'PUT';
  pattern: RegExp;
  handler: Handler;
  /** Sensitive API group operations (403 switch). */
  sensitive?: boolean;
  /** Doc-defect route variant this route belongs to (off when the switch picks the other). */
  variant?: 'pin-request' | 'pin-smartcard' | 'policies' | 'policy-workflow';
}

const S = '([^/]+)';
const r = (method: Route['method'], path: string, handler: Handler, extra: Partial<Route> = {}): Route => ({
  method,
  pattern: new RegExp(`^${path.replace(/\{\}/g, S)}/?$`, 'i'),
  handler,
  ...extra,
});

export const ROUTES: Route[] = [
  r('GET', '/profiletemplates', listTemplates),
  r('GET', '/profiletemplates/{}', getTemplate),
  r('GET', '/profiletemplates/{}/policies/{}', workflowPolicy, { variant: 'policies' }),
  r('GET', '/profiletemplates/{}/policy/workflow/{}', workflowPolicy, { variant: 'policy-workflow' }),
  r('GET', '/profiletemplates/{}/configuration/smartcards', smartcardConfig),
  r('POST', '/requests', createRequest),
  r('GET', '/requests', listRequests),
  r('GET', '/requests/{}', getRequest),
  r('PUT', '/requests/{}', updateRequest),
  r('GET', '/requests/{}/certificaterequestgenerationoptions', generationOptions),
  r('POST', '/requests/{}/certificatedata', certificateData),
  r('GET', '/requests/{}/profiles', requestProfiles),
  r('GET', '/requests/{}/profiles/{}', requestProfile),
  r('POST', '/smartcards', assignCard),
  r('GET', '/smartcards', findCards),
  r('GET', '/smartcards/{}', getCard),
  r('GET', '/requests/{}/smartcards/{}/authenticationresponse', authenticationResponse, { sensitive: true }),
  r('GET', '/requests/{}/smartcards/{}/diversifiedkey', diversifiedKeyHandler, { sensitive: true }),
  r('GET', '/requests/{}/smartcards/{}/serverproposedpin', serverProposedPin, {
    sensitive: true,
    variant: 'pin-request',
  }),
  r('GET', '/smartcards/{}/serverproposedpin', serverProposedPin, {
    sensitive: true,
    variant: 'pin-smartcard',
  }),
  r('PUT', '/requests/{}/smartcards/{}', updateCardStatus),
  r('GET', '/smartcards/{}/operations', cardOperations),
  r('GET', '/profiles/{}/operations', profileOperations),
  r('GET', '/profiles', listProfiles),
  r('GET', '/profiles/{}', getProfile),
  r('GET', '/smartcards/{}/certificates', cardCertificates),
  r('GET', '/profiles/{}/certificates', profileCertificates),
  r('GET', '/certificates', userCertificates),
];
