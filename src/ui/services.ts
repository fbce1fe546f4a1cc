/**
 * What views get from the app (built once in main.ts, the composition root): the card session, the
 * store, the APDU log, connectivity and configuration, and `flowDeps()` to run a flow on the card
 * that is in the reader right now. Views call flows; they never talk to the card or to HTTP.
 */
import type { AuthSession } from '../auth/types';
import type { CardSession } from '../flows/card-session';
import type { FlowDeps } from '../flows';
import type { AppStore } from '../store';
import type { ApduLog } from '../transport/apdu-log';
import type { ProviderKind, Support } from '../transport/types';
import type { AppConfig } from '../config/app-config';
import type { Connectivity } from '../net/connectivity';

/** The CM client as the flows see it (keeps `ui/` free of a direct `cm/` dependency). */
export type CmClientLike = FlowDeps['cm'];

export interface AppServices {
  readonly session: CardSession;
  readonly store: AppStore;
  readonly log: ApduLog;
  readonly connectivity: Connectivity;
  readonly config: AppConfig;
  readonly cm: CmClientLike;
  /**
   * Dependencies for a flow on the identified card, or `undefined` when no card is ready (the view
   * then asks the user to insert one). `extra` adds `signal`, `onProgress` and the like.
   */
  flowDeps(extra?: Partial<FlowDeps>): FlowDeps | undefined;
  /** The ways to a reader, each with its support verdict. */
  readonly providers?: { kind: ProviderKind; support: Support }[];
  /** Switches to a provider and follows its first reader (needs a user gesture for WebUSB). */
  useProvider?(kind: ProviderKind): Promise<void>;
  /** The provider in use. */
  readonly providerKind?: ProviderKind;
  /** Demo controls when the simulator is in use: swap or pull the virtual card. */
  readonly demoCard?: {
    card: 'gids' | 'piv' | undefined;
    insert(type: 'gids' | 'piv'): void;
    remove(): void;
  };
  /** True in the demo build (`npm start`): a banner says so and the simulator is the default. */
  readonly demo?: boolean;
  /** The card-id byte order in use (stored setting, default .NET). */
  readonly cardIdByteOrder?: 'dotnet' | 'rfc4122';
  /** Sign-in state and actions (Windows or OIDC); `authIssues` when the sign-in configuration was rejected. */
  readonly auth?: AuthSession;
  readonly authIssues?: readonly string[];
  /** Persists a setting and applies it at once (a new CM address is used by the next call). */
  saveSetting?(key: 'cmBaseUrl' | 'cardIdByteOrder', value: string): Promise<void>;
}
