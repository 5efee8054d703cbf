import { isMap, isNode, isScalar, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { addHost, emptyInventory, expandHostRange, groupOf, inventoryDrafts, type AnsibleInventory } from './ansible';
import type { DraftsOf, LineError } from './draft';

interface Reader {
  doc: Document;
  inventory: AnsibleInventory;
  errors: LineError[];
  lineAt: (node: Node | null | undefined) => number;
}

function mapping(reader: Reader, node: unknown, where: string, line: number): [string, unknown, number][] {
  if (node === null || node === undefined || (isScalar(node) && node.value === null)) return [];
  if (!isMap(node)) {
    reader.errors.push({ line, message: `${where} must be a mapping` });
    return [];
  }
  return node.items.map((pair) => {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    return [key, pair.value, reader.lineAt(pair.key as Node)];
  });
}

function readGroup(reader: Reader, name: string, node: unknown, line: number, path: string[]): void {
  const group = groupOf(reader.inventory, name, line);
  if (path.includes(name)) {
    reader.errors.push({ line, message: `Group ${name} is its own ancestor (${[...path, name].join(' > ')})` });
    return;
  }
  for (const [key, value, at] of mapping(reader, node, `Group ${name}`, line)) {
    if (key === 'hosts') {
      for (const [pattern, vars, hostLine] of mapping(reader, value, `hosts of ${name}`, at)) {
        const names = expandHostRange(pattern);
        if (typeof names === 'string') reader.errors.push({ line: hostLine, message: names });
        else for (const host of names) addHost(reader.inventory, name, host, hostLine, varsOf(reader, vars, hostLine));
      }
    } else if (key === 'vars') {
      Object.assign(group.vars, varsOf(reader, value, at));
    } else if (key === 'children') {
      for (const [child, childNode, childLine] of mapping(reader, value, `children of ${name}`, at)) {
        group.children.add(child);
        readGroup(reader, child, childNode, childLine, [...path, name]);
      }
    } else {
      reader.errors.push({
        line: at,
        message: `Unknown key ${key} under group ${name}; expected hosts, children or vars`,
      });
    }
  }
}

function varsOf(reader: Reader, node: unknown, line: number): Record<string, unknown> {
  const vars: Record<string, unknown> = {};
  for (const [key, value, at] of mapping(reader, node, 'Variables', line)) {
    try {
      vars[key] = isNode(value) ? value.toJS(reader.doc) : value;
    } catch (error) {
      // toJS refuses alias bombs (`*a` repeated into millions of nodes) by throwing.
      reader.errors.push({ line: at, message: `Cannot read ${key}: ${(error as Error).message}` });
    }
  }
  return vars;
}

/** Reads a YAML inventory: top-level groups (usually just `all`) with hosts, vars and children. */
export function parseAnsibleYaml(text: string, home: string): DraftsOf {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, merge: true, prettyErrors: false });
  if (doc.errors.length > 0)
    return {
      drafts: [],
      errors: doc.errors.map((error) => ({
        line: counter.linePos(error.pos[0]).line,
        message: `Not valid YAML: ${error.message.split('\n')[0] ?? error.code}`,
      })),
    };
  const reader: Reader = {
    doc,
    inventory: emptyInventory(),
    errors: [],
    lineAt: (node) => counter.linePos(node?.range?.[0] ?? 0).line,
  };
  for (const [name, node, line] of mapping(reader, doc.contents, 'The file', 1))
    readGroup(reader, name, node, line, []);
  return { drafts: inventoryDrafts(reader.inventory, home), errors: reader.errors };
}
