// Where the Teams app package's sources and outputs live.
import { fileURLToPath } from 'node:url';

/** appPackage/: the manifest template, localisation files, icons, env files and the schema copies. */
export const APP_PACKAGE_DIR = fileURLToPath(new URL('../../appPackage', import.meta.url));

/** The repository root (package.json's version is the default app version). */
export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
