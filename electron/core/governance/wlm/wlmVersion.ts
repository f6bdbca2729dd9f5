// The version of a WLM configuration is the SHA-256 of its exact parameter text: the editor sends it
// back with preview/apply, and a different hash means someone changed the parameter group meanwhile
// (compare before write). Any byte counts, even whitespace: AWS stores the string as given.
import { createHash } from 'node:crypto';

export function wlmVersion(json: string): string {
  return createHash('sha256').update(json, 'utf8').digest('hex');
}
