// Default parameter groups (`default.redshift-1.0`, …) cannot be modified (REFERENCE 3.1): the editor
// shows them read-only and apply refuses before anything is sent.

export function isDefaultParameterGroup(name: string): boolean {
  return name.startsWith('default.');
}

export const DEFAULT_GROUP_REASON =
  'Default parameter groups cannot be modified: create a custom parameter group, attach it to the cluster, then edit it here.';

export function defaultGroupRefusal(name: string): string {
  return `The cluster uses the default parameter group ${name}. ${DEFAULT_GROUP_REASON}`;
}
