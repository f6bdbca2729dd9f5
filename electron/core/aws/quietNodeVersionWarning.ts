// The AWS SDK warns on every start under Node 20 that releases after January 2027 will need Node 22
// (issue #14: terminal noise). Nightshift pins its SDK version and supports Node 20.19 (README), so
// the warning says nothing a user can act on. The SDK reads this variable when a client is built; a
// value the user set explicitly is left alone.
export function quietNodeVersionWarning(): void {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
}
