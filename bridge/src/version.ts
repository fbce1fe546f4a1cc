/** The bridge's version, reported by `hello` and `--version`. Bump with every protocol-visible change. */
export const BRIDGE_VERSION = '1.0.0';
