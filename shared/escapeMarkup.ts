// Text made safe inside HTML or XML elements and quoted attributes: the five characters either language
// gives a meaning. The apostrophe is written &#39;, which both read (HTML 4 has no &apos;).

export function escapeMarkup(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
