import { describe, expect, it } from 'vitest';
import { isMsrcHead, parseMsrcCvrf } from '../../src/main/feeds/msrc';
import { head, read } from './fixtures';
import { JSON_FLAVOUR, XML } from './msrc-months';
import { entityBomb, refusal } from './refusal';

describe('refusing what is not a usable MSRC document', () => {
  const xml = read(XML);

  it.each([
    ['XML cut short', xml.slice(0, Math.floor(xml.length / 2)), /^m\.xml: not well-formed XML, perhaps cut short/],
    ['JSON cut short', read(JSON_FLAVOUR).slice(0, 2000), /^m\.xml: not valid JSON, perhaps cut short/],
    [
      'another XML document',
      read('test/fixtures/feeds/updateinfo/rocky9-updateinfo.xml'),
      /^m\.xml: not an MSRC CVRF document: its root element is not <cvrfdoc>$/,
    ],
    ['JSON of another kind', '{"catalogVersion": "1"}', /^m\.xml: not an MSRC CVRF document: DocumentTracking/],
    [
      'a month without an id',
      xml.replace('<cvrf:ID>2099-Jan</cvrf:ID>', ''),
      /^m\.xml: not an MSRC CVRF document: no DocumentTracking\/Identification\/ID/,
    ],
    [
      'a month without its release date',
      xml.replace(/<cvrf:CurrentReleaseDate>[^<]*<\/cvrf:CurrentReleaseDate>/, ''),
      /^m\.xml: 2099-Jan: no readable DocumentTracking\/CurrentReleaseDate$/,
    ],
    [
      'a month without a KB',
      xml.replaceAll('Type="Vendor Fix"', 'Type="Workaround"'),
      /^m\.xml: 2099-Jan: names no KB that fixes a CVE/,
    ],
    [
      'an entity-expansion document',
      entityBomb('cvrfdoc', '<cvrfdoc><DocumentTitle>&lol8;</DocumentTitle></cvrfdoc>'),
      /^m\.xml: declares a DOCTYPE, which no MSRC CVRF document has; entity declarations in a feed are refused$/,
    ],
  ])('refuses %s', (_case, body, message) => {
    const refused = refusal(() => parseMsrcCvrf('m.xml', body));
    expect(refused.code).toBe('feed_invalid');
    expect(refused.message).toMatch(message);
  });

  it.each([
    ['the XML fixture', head(XML), true],
    ['the JSON fixture', head(JSON_FLAVOUR), true],
    [
      'Red Hat CVRF',
      '<?xml version="1.0"?>\n<cvrfdoc xmlns="http://www.icasi.org/CVRF/schema/cvrf/1.1"><DocumentPublisher><ContactDetails>secalert@redhat.com</ContactDetails>',
      false,
    ],
    ['an updateinfo.xml', head('test/fixtures/feeds/updateinfo/rocky9-updateinfo.xml'), false],
    ['KEV', '{"title": "CISA Catalog", "catalogVersion": "2025.08.25"}', false],
  ])('recognises %s from its first 4 KB: %s', (_case, text, expected) => {
    expect(isMsrcHead(text)).toBe(expected);
  });
});
