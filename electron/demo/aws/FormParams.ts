// Reading awsQuery form parameters (REFERENCE 4.1): members by name, nested members joined with dots,
// lists as `<Name>.<member-name>.<n>` counted from 1, an empty list as `<Name>=`.
import { invalidParameter } from './AwsError.ts';

export class FormParams {
  constructor(private readonly params: URLSearchParams) {}

  string(name: string): string | undefined {
    return this.params.get(name) ?? undefined;
  }

  /** A missing required member is answered as InvalidParameterValue (the SDK does not check). */
  required(name: string): string {
    const v = this.string(name);
    if (v === undefined || v === '') throw invalidParameter(`The parameter ${name} must be specified.`);
    return v;
  }

  integer(name: string): number | undefined {
    const v = this.string(name);
    if (v === undefined) return undefined;
    if (!/^-?\d+$/.test(v)) throw invalidParameter(`The parameter ${name} must be an integer (got "${v}").`);
    return Number(v);
  }

  boolean(name: string): boolean | undefined {
    const v = this.string(name);
    if (v === undefined) return undefined;
    if (v !== 'true' && v !== 'false') throw invalidParameter(`The parameter ${name} must be true or false.`);
    return v === 'true';
  }

  timestamp(name: string): Date | undefined {
    const v = this.string(name);
    if (v === undefined) return undefined;
    const ms = Date.parse(v);
    if (Number.isNaN(ms))
      throw invalidParameter(`The parameter ${name} must be an ISO 8601 timestamp (got "${v}").`);
    return new Date(ms);
  }

  /** Scalar list `prefix.1`, `prefix.2`, … e.g. prefix `DbGroups.DbGroup`. */
  list(prefix: string): string[] {
    const out: [number, string][] = [];
    for (const [key, value] of this.params) {
      if (!key.startsWith(`${prefix}.`)) continue;
      const n = Number(key.slice(prefix.length + 1));
      if (Number.isInteger(n) && n >= 1) out.push([n, value]);
    }
    return out.sort((a, b) => a[0] - b[0]).map(([, v]) => v);
  }

  /** Structure list `prefix.1.Member`, … e.g. prefix `Parameters.Parameter`. */
  structList(prefix: string): Record<string, string>[] {
    const items = new Map<number, Record<string, string>>();
    for (const [key, value] of this.params) {
      if (!key.startsWith(`${prefix}.`)) continue;
      const rest = key.slice(prefix.length + 1);
      const dot = rest.indexOf('.');
      if (dot < 0) continue;
      const n = Number(rest.slice(0, dot));
      if (!Number.isInteger(n) || n < 1) continue;
      const item = items.get(n) ?? {};
      item[rest.slice(dot + 1)] = value;
      items.set(n, item);
    }
    return [...items.entries()].sort((a, b) => a[0] - b[0]).map(([, v]) => v);
  }

  /** All parameters except the paging ones, to fingerprint a request for its Marker. */
  identity(): [string, string][] {
    return [...this.params].filter(([k]) => k !== 'Marker' && k !== 'MaxRecords').sort();
  }
}
