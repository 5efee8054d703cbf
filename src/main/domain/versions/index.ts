export { compareApk } from './apk';
export { VersionError } from './common';
export type { VersionErrorCode, VersionFormat } from './common';
export { compareDpkg } from './dpkg';
export { compareRpm, rpmvercmp } from './rpm';
