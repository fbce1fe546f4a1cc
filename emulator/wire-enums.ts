/**
 * The emulator's own tables of the CM enumerations (not the client's): names as the REST pages
 * list them (create-request `type`, get-requests `status`, get-workflow-policy types), numbers as
 * the examples show them — RequestType 1 Enroll and 5 Unblock, request Status 3 Approved and 8
 * Completed, card Status 2/3/6, profile Status 2 — and the rest in FIM CM 2010 SDK member order
 * (RequestStatus, SmartcardStatus, UserPinOption pages), the numbering the examples agree with.
 */

/** Request types in create-request's list; numbers in SDK order (1 Enroll … 12 TemporaryCards). */
const TYPE_ORDER = [
  'None',
  'Enroll',
  'Duplicate',
  'OfflineUnblock',
  'OnlineUpdate',
  'Unblock',
  'Renew',
  'Recover',
  'RecoverOnBehalf',
  'Reinstate',
  'Retire',
  'Revoke',
  'TemporaryCards',
] as const;
export const REQUEST_TYPES = Object.freeze(Object.fromEntries(TYPE_ORDER.map((n, i) => [n, i]))) as Readonly<
  Record<(typeof TYPE_ORDER)[number], number>
>;

/** Policy types of `…/profiletemplates/{id}/policies/{type}` (get-workflow-policy; "TemporaryEnroll" there). */
export const POLICY_TYPES = [
  'Enroll',
  'Duplicate',
  'OfflineUnblock',
  'OnlineUpdate',
  'Renew',
  'Recover',
  'RecoverOnBehalf',
  'Reinstate',
  'Retire',
  'Revoke',
  'TemporaryEnroll',
  'Unblock',
] as const;

/** RequestStatus: the FIM CM SQL API numbering, which 3 (Approved) and 8 (Completed) in the examples match. */
export const REQUEST_STATUSES = Object.freeze({
  None: 0,
  Approved: 3,
  Denied: 4,
  Completed: 8,
  Failed: 9,
  Pending: 16,
  Canceled: 17,
  Executing: 18,
});

/** SmartcardStatus in SDK order: 2 just bound, 3 in service and 6 retired in the examples. */
export const SMARTCARD_STATUSES = Object.freeze({
  None: 0,
  New: 1,
  Assigned: 2,
  Active: 3,
  Disabled: 4,
  Suspended: 5,
  Retired: 6,
});

/** Software profile status; 2 (Active) in the get-profiles example. */
export const PROFILE_STATUSES = Object.freeze({
  None: 0,
  Assigned: 1,
  Active: 2,
  Disabled: 3,
  Suspended: 4,
  Retired: 5,
});

/** UserPinOption in SDK order; the example template has 3 (Randomized). */
export const USER_PIN_OPTIONS = Object.freeze({
  None: 0,
  UserProvided: 1,
  ServerDistributed: 2,
  Randomized: 3,
  CustomServerDistributed: 4,
});

/** PinPolicy.CharacterSet (undocumented; 1 goes with the all-digit example default "11111111"). */
export const PIN_CHARACTER_SETS = Object.freeze({ Any: 0, Numeric: 1, Alphanumeric: 2 });

/** The server supplies the user PIN (serverproposedpin answers) for every option but None and UserProvided. */
export function isServerGeneratedPin(userPinOption: number): boolean {
  return (
    userPinOption > USER_PIN_OPTIONS.UserProvided && userPinOption <= USER_PIN_OPTIONS.CustomServerDistributed
  );
}
