/**
 * A collector runs one fixed script per host (one round trip) that prints each answer after a
 * marker line `@@name`; this splits the output back into named sections.
 */
export function splitSections(output: string): Map<string, string> {
  const sections = new Map<string, string>();
  let current: string | undefined;
  let lines: string[] = [];
  const flush = (): void => {
    if (current !== undefined) sections.set(current, lines.join('\n'));
  };
  for (const line of output.split('\n')) {
    const marker = /^@@([a-z-]+)$/.exec(line);
    if (marker) {
      flush();
      current = marker[1];
      lines = [];
    } else {
      lines.push(line);
    }
  }
  flush();
  return sections;
}

/** `KEY="value"` lines of /etc/os-release. */
export function parseOsRelease(text: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const match = /^([A-Z_]+)=("?)(.*)\2$/.exec(line.trim());
    if (match?.[1] && match[3] !== undefined) fields[match[1]] = match[3];
  }
  return fields;
}
