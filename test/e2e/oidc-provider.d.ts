// oidc-provider ships no type declarations; this covers the part test/e2e/oidc-idp.ts uses.
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';
  export type AdapterPayload = Record<string, unknown> & {
    userCode?: string;
    uid?: string;
    grantId?: string;
    consumed?: number;
  };
  export interface Adapter {
    upsert(id: string, payload: AdapterPayload, expiresIn?: number): Promise<void>;
    find(id: string): Promise<AdapterPayload | undefined>;
    findByUserCode(code: string): Promise<AdapterPayload | undefined>;
    findByUid(uid: string): Promise<AdapterPayload | undefined>;
    consume(id: string): Promise<void>;
    destroy(id: string): Promise<void>;
    revokeByGrantId(grantId: string): Promise<void>;
  }
  export interface ClientLike {
    grantTypeAllowed(type: string): boolean;
  }
  export default class Provider {
    constructor(issuer: string, configuration: Record<string, unknown>);
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
    on(event: string, listener: (...args: unknown[]) => void): this;
    readonly Client: { find(id: string): Promise<ClientLike | undefined> };
    readonly AccessToken: new (data: Record<string, unknown>) => {
      resourceServer?: unknown;
      save(): Promise<string>;
    };
    readonly ResourceServer: new (identifier: string, data: Record<string, unknown>) => unknown;
  }
}
