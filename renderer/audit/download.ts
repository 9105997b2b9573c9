/** Saves what an export call returned as a file in the browser (or Electron window): a Blob and a download link. */
export function downloadFile(file: { fileName: string; mimeType: string; base64: string | null }): boolean {
  if (file.base64 === null) return false;
  const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: file.mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // The click has handed the Blob to the download already.
  setTimeout(() => URL.revokeObjectURL(url), 0);
  return true;
}

/** A day picked in a date field as the UTC instant it starts; `plusDays` moves it (the end of a period is the next day's start). */
export function dayStart(date: string, plusDays = 0): string {
  return new Date(Date.parse(`${date}T00:00:00.000Z`) + plusDays * 86_400_000).toISOString();
}

export function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Typing into a field or choosing from a list must never trigger a section key. */
export function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}
