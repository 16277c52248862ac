/** The form of a name used to compare it ignoring case ("Ann", "ANN" and "ann" are one). */
export function foldCase(text: string): string {
  return text.normalize('NFC').toLowerCase();
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** An error as words for the page, never a stack trace. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}

/** "1 post", "3 posts", "0 to-dos". */
export function counted(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : plural}`;
}
