/** Lock-file keys of every package a build directory's source maps list, sorted. */
export function bundledPackages(dir: string): string[];
/** Package name of a lock key. */
export function nameOf(key: string): string;
/** Problems for bundled lock keys given package.json and package-lock.json contents. */
export function problems(
  keys: string[],
  pkg: { dependencies?: Record<string, string>; devDependencies?: Record<string, string> },
  lock: { packages?: Record<string, { dev?: boolean; devOptional?: boolean }> },
): string[];
/** Bare package specifiers of value imports in one source text. */
export function importedPackages(text: string): Set<string>;
/** Problems for the packages that the TypeScript under `srcDir` imports. */
export function checkSourceImports(srcDir: string, root?: string): string[];
/** Runs the check on build directories; returns the problems. */
export function checkDirs(dirs: string[], root?: string): string[];
