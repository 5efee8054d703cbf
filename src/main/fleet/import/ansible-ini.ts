import { addHost, emptyInventory, expandHostRange, groupOf, inventoryDrafts, type AnsibleInventory } from './ansible';
import type { DraftsOf, LineError } from './draft';

type Section = { kind: 'hosts' | 'vars' | 'children'; group: string };

/** Shell-like words: quotes group and are removed; an unquoted `#` or `;` starting a word ends the line. */
function words(text: string): string[] | string {
  const found: string[] = [];
  let word: string | null = null;
  let quote: string | null = null;
  for (const ch of text) {
    if (quote) {
      if (ch === quote) quote = null;
      else word = (word ?? '') + ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      word ??= '';
    } else if (/\s/.test(ch)) {
      if (word !== null) found.push(word);
      word = null;
    } else if ((ch === '#' || ch === ';') && word === null) {
      break;
    } else {
      word = (word ?? '') + ch;
    }
  }
  if (quote) return `Unterminated ${quote} quote`;
  if (word !== null) found.push(word);
  return found;
}

function keyValues(list: string[]): Record<string, unknown> | string {
  const vars: Record<string, unknown> = {};
  for (const item of list) {
    const at = item.indexOf('=');
    if (at <= 0) return `Expected key=value, found ${item}`;
    vars[item.slice(0, at)] = item.slice(at + 1);
  }
  return vars;
}

function sectionOf(header: string): Section | string {
  const [group = '', kind = 'hosts', ...extra] = header.trim().split(':');
  if (group === '' || extra.length > 0 || !['hosts', 'vars', 'children'].includes(kind))
    return `Cannot read the section [${header}]; expected [group], [group:vars] or [group:children]`;
  return { kind: kind as Section['kind'], group };
}

function readLine(inventory: AnsibleInventory, section: Section, text: string, line: number): string | null {
  if (section.kind === 'vars') {
    // In a :vars section the whole rest of the line is the value, spaces and all.
    const at = text.indexOf('=');
    if (at <= 0) return `Expected key=value, found ${text}`;
    const value = words(text.slice(at + 1));
    if (typeof value === 'string') return value;
    groupOf(inventory, section.group, line).vars[text.slice(0, at).trim()] = value.join(' ');
    return null;
  }
  const list = words(text);
  if (typeof list === 'string') return list;
  const [pattern = '', ...rest] = list;
  if (section.kind === 'children') {
    if (rest.length > 0) return `Expected one group name, found ${text}`;
    groupOf(inventory, pattern, line);
    groupOf(inventory, section.group, line).children.add(pattern);
    return null;
  }
  const vars = keyValues(rest);
  if (typeof vars === 'string') return vars;
  // `name:2222` sets the port; an IPv6 literal has more than one colon and is left alone.
  const withPort = /^([^:]+):(\d+)$/.exec(pattern);
  if (withPort?.[1] && withPort[2]) vars['ansible_port'] ??= withPort[2];
  const names = expandHostRange(withPort?.[1] ?? pattern);
  if (typeof names === 'string') return names;
  for (const name of names) addHost(inventory, section.group, name, line, vars);
  return null;
}

/** Reads an INI inventory: `[group]` host lines, `[group:vars]` and `[group:children]`. */
export function parseAnsibleIni(text: string, home: string): DraftsOf {
  const inventory = emptyInventory();
  const errors: LineError[] = [];
  let section: Section = { kind: 'hosts', group: 'ungrouped' };
  for (const [index, raw] of text.split(/\r?\n/).entries()) {
    const line = index + 1;
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith(';')) continue;
    const header = /^\[([^\]]*)\]\s*([#;].*)?$/.exec(trimmed);
    if (header) {
      const next = sectionOf(header[1] ?? '');
      if (typeof next === 'string') errors.push({ line, message: next });
      else {
        section = next;
        groupOf(inventory, section.group, line);
      }
      continue;
    }
    const problem = readLine(inventory, section, trimmed, line);
    if (problem !== null) errors.push({ line, message: problem });
  }
  return { drafts: inventoryDrafts(inventory, home), errors };
}
