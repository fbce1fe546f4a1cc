/**
 * Every MIM CM enumeration in one place: the REST API takes names (strings) in request bodies and
 * queries and returns numbers in responses (docs/mim-cm-api.md "JSON conventions", "Enumerations").
 *
 * Numbers marked "[ex]" are pinned by a documentation example; the rest follow the FIM CM 2010 SDK /
 * SQL API numbering (docs/mim-cm-api.md "Enumerations") and are hypotheses. They live only here, so a
 * live server that disagrees means editing one table.
 */

/** Names accepted by `POST /requests` `type` (create-request.md). "TemporaryCards" is the doc's spelling. */
export const REQUEST_TYPES = {
  None: 0,
  Enroll: 1, // [ex] request a9b4b42c
  Duplicate: 2,
  OfflineUnblock: 3,
  OnlineUpdate: 4,
  Unblock: 5, // [ex] request 0c96d73f
  Renew: 6,
  Recover: 7,
  RecoverOnBehalf: 8,
  Reinstate: 9,
  Retire: 10,
  Revoke: 11,
  TemporaryCards: 12,
} as const;
export type RequestTypeName = Exclude<keyof typeof REQUEST_TYPES, 'None'>;

/** Policy types of `…/policies/{type}` (get-workflow-policy.md). Note "TemporaryEnroll" here vs "TemporaryCards". */
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
export type PolicyTypeName = (typeof POLICY_TYPES)[number];

/** RequestStatus (SDK bb490434); numbers from the SQL API `externalGetStatus` — 3 and 8 are [ex]. */
export const REQUEST_STATUSES = {
  None: 0,
  Approved: 3, // [ex]
  Denied: 4,
  Completed: 8, // [ex]
  Failed: 9,
  Pending: 16,
  Canceled: 17,
  Executing: 18,
} as const;
export type RequestStatusName = keyof typeof REQUEST_STATUSES;

/**
 * Values accepted by `PUT /requests/{id}` (cancel-abandon-complete-request.md). "Abandoned" is not a
 * RequestStatus member (doc defect 14); the emulator turns it into Canceled.
 */
export type RequestUpdateStatus = 'Completed' | 'Canceled' | 'Abandoned';

/** SmartcardStatus (SDK member order). [ex]: 2 just bound, 3 in service, 6 after "Retired". */
export const SMARTCARD_STATUSES = {
  None: 0,
  New: 1,
  Assigned: 2, // [ex]
  Active: 3, // [ex]
  Disabled: 4,
  Suspended: 5,
  Retired: 6, // [ex]
} as const;
export type SmartcardStatusName = keyof typeof SMARTCARD_STATUSES;

/** Software profile status. Only Active = 2 is [ex]; the rest mirror the smart card table minus "New". */
export const PROFILE_STATUSES = {
  None: 0,
  Assigned: 1,
  Active: 2, // [ex]
  Disabled: 3,
  Suspended: 4,
  Retired: 5,
} as const;

/** Names the `status` query of `GET /profiles` accepts: the doc mixes request statuses in (defect 17). */
export type ProfileQueryStatus = 'Active' | RequestStatusName;

/** UserPinOption (SDK bb490427, member order). The example template has 3 (= Randomized). */
export const USER_PIN_OPTIONS = {
  None: 0,
  UserProvided: 1,
  ServerDistributed: 2,
  Randomized: 3,
  CustomServerDistributed: 4,
} as const;

/** PinPolicy.CharacterSet — undocumented; 1 goes with the all-digit example default "11111111". [inf] */
export const PIN_CHARACTER_SETS = {
  Any: 0,
  Numeric: 1,
  Alphanumeric: 2,
} as const;

/** True when the template makes the server supply the user PIN (so `serverproposedpin` applies). */
export function isServerGeneratedPin(userPinOption: number): boolean {
  return (
    userPinOption === USER_PIN_OPTIONS.ServerDistributed ||
    userPinOption === USER_PIN_OPTIONS.Randomized ||
    userPinOption === USER_PIN_OPTIONS.CustomServerDistributed
  );
}

/** Name for a number in one of the tables above, or `undefined` (for display and logs). */
export function enumName<T extends Record<string, number>>(table: T, value: number): keyof T | undefined {
  return (Object.keys(table) as (keyof T)[]).find((k) => table[k] === value);
}
