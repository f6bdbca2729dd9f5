// A tiny XML writer for awsQuery responses (REFERENCE 4.1). Elements are plain data so handlers read
// like the response they produce; an empty list becomes a self-closing element (`<IamRoles/>`) and an
// undefined value leaves the element out, as AWS does for absent optional members.
import { escapeMarkup } from '../../../shared/escapeMarkup.ts';

export type XmlValue = string | number | boolean | Date | XmlElement[] | undefined | null;

export interface XmlElement {
  name: string;
  value: XmlValue;
}

export function el(name: string, value: XmlValue): XmlElement {
  return { name, value };
}

/** A list whose members are all named `memberName` (e.g. `Clusters/Cluster`, `ClusterNodes/member`). */
export function list<T>(
  name: string,
  memberName: string,
  items: readonly T[],
  toChildren: (item: T) => XmlValue,
): XmlElement {
  return el(
    name,
    items.map((item) => el(memberName, toChildren(item))),
  );
}

export function isoTimestamp(date: Date): string {
  return date.toISOString();
}

export function renderXml(element: XmlElement): string {
  const { name, value } = element;
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) {
    if (value.length === 0) return `<${name}/>`;
    return `<${name}>${value.map(renderXml).join('')}</${name}>`;
  }
  const text = value instanceof Date ? isoTimestamp(value) : String(value);
  return `<${name}>${escapeMarkup(text)}</${name}>`;
}

export function renderDocument(root: XmlElement, xmlns?: string): string {
  const body = renderXml(root);
  const withNs =
    xmlns === undefined ? body : body.replace(`<${root.name}>`, `<${root.name} xmlns="${xmlns}">`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${withNs}`;
}
