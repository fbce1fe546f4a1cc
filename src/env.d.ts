/** Build-time constants Vite defines (vite.config.ts `define`). */
interface ImportMetaEnv {
  /** package.json version, for the support bundle. */
  readonly APP_VERSION?: string;
}
