// The package's version, put in by the bundler (esbuild's `define`); `dev` when run from source.
declare const QOD_VERSION: string | undefined;

export const VERSION = typeof QOD_VERSION === 'string' ? QOD_VERSION : 'dev';

/** `qod --version`, `qod -v`, `qod version`. */
export const isVersionRequest = (command: string | undefined): boolean =>
  command === '--version' || command === '-v' || command === 'version';
