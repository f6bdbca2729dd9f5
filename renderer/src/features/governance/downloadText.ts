// Saves text as a file from the page: a Blob behind an object URL and a click on a detached link with
// `download`, so the page never navigates (and the CSP's form-action/navigation rules are not involved).

export function downloadText(text: string, filename: string, type: string): void {
  downloadBlob(new Blob([text], { type }), filename);
}

export function downloadBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started from the URL; let it go after the click has been handled.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
