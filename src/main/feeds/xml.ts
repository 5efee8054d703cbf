import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { AppError } from '../../shared/result';

const invalid = (source: string, message: string): AppError => new AppError('feed_invalid', `${source}: ${message}`);

/** The five predefined XML entities; with entity processing off, the parser leaves even these as written. */
const PREDEFINED: ReadonlyMap<string, string> = new Map([
  ['amp', '&'],
  ['lt', '<'],
  ['gt', '>'],
  ['quot', '"'],
  ['apos', "'"],
]);

/**
 * Decodes the predefined entities and character references in one pass, so `&amp;lt;` reads as
 * `&lt;`. Any other `&name;` stays as written: a feed declaring its own entities is refused.
 */
export function decodeXmlText(value: string): string {
  if (!value.includes('&')) return value;
  return value.replace(/&(#x[0-9A-Fa-f]{1,6}|#[0-9]{1,7}|[A-Za-z]+);/g, (whole, ref: string) => {
    if (!ref.startsWith('#')) return PREDEFINED.get(ref) ?? whole;
    const code = ref[1] === 'x' ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/** A parsed element: text, attributes (`@name`) and children, as fast-xml-parser builds them. */
export type XmlNode = Record<string, unknown>;

/**
 * Parses an untrusted XML feed (updateinfo.xml, MSRC CVRF) into plain objects, namespace prefixes
 * dropped. Entity processing is off, and a document with a DOCTYPE is refused outright: neither
 * format has one, and an internal subset is how entity-expansion bombs ("billion laughs") and
 * external-entity reads arrive. The parser does not notice a document cut short, so it is
 * validated first; its nesting limit (100) and its refusal of `__proto__`-style names stay on.
 * `arrays` names the elements that may repeat, so one occurrence still reads as a list.
 */
export function readUntrustedXml(source: string, text: string, what: string, arrays: ReadonlySet<string>): XmlNode {
  const body = text.replace(/^\uFEFF/, '');
  // A DOCTYPE can only stand before the root element.
  const firstElement = body.search(/<[A-Za-z_]/);
  if (body.slice(0, firstElement === -1 ? body.length : firstElement).includes('<!DOCTYPE'))
    throw invalid(source, `declares a DOCTYPE, which no ${what} has; entity declarations in a feed are refused`);
  // fast-xml-validator, which 5.x points to, is not a dependency; this is the validator that
  // parse(xml, true) itself runs, still shipped with 5.12.
  // eslint-disable-next-line @typescript-eslint/no-deprecated -- see above
  const valid = XMLValidator.validate(body);
  if (valid !== true) {
    const { line, msg } = valid.err;
    throw invalid(source, `not well-formed XML, perhaps cut short (line ${line}: ${msg.replace(/\s+/g, ' ')})`);
  }
  const parser = new XMLParser({
    processEntities: false,
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    removeNSPrefix: true,
    parseTagValue: false,
    parseAttributeValue: false,
    ignoreDeclaration: true,
    ignorePiTags: true,
    // Elements get `isAttribute` null rather than false.
    isArray: (name, _path, _leaf, isAttribute) => !isAttribute && arrays.has(name),
    tagValueProcessor: (_name, value) => decodeXmlText(value),
    attributeValueProcessor: (_name, value) => decodeXmlText(value),
  });
  try {
    return parser.parse(body) as XmlNode;
  } catch (error) {
    throw invalid(source, `cannot read it as XML: ${(error as Error).message}`);
  }
}

/** An element's text (its `#text` when it has attributes), trimmed; null when absent or empty. */
export function xmlText(node: unknown): string | null {
  const value = typeof node === 'object' && node !== null ? (node as XmlNode)['#text'] : node;
  const trimmed = typeof value === 'string' ? value.trim() : '';
  return trimmed === '' ? null : trimmed;
}

export function xmlAttr(node: unknown, name: string): string | null {
  return typeof node === 'object' && node !== null ? xmlText((node as XmlNode)[`@${name}`]) : null;
}

/** A child element, or the list of a repeating one. */
export function xmlChild(node: unknown, name: string): unknown {
  return typeof node === 'object' && node !== null ? (node as XmlNode)[name] : undefined;
}

export function xmlList(node: unknown, name: string): unknown[] {
  const value = xmlChild(node, name);
  return Array.isArray(value) ? value : value === undefined ? [] : [value];
}
