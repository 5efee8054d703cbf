import { describe, expect, it } from 'vitest';
import { parseMsrcCvrf, supersededKbs } from '../../src/main/feeds/msrc';
import { read } from './fixtures';
import { jan, JSON_FLAVOUR, XML } from './msrc-months';

describe('reading an MSRC CVRF document', () => {
  it('reads the month, its products and its dates', () => {
    expect(jan).toMatchObject({
      id: '2099-Jan',
      title: 'January 2099 Security Updates',
      released: '2099-01-13T08:00:00.000Z',
      dataDate: '2099-01-20T08:00:00.000Z',
      version: '2',
    });
    // Each product once, though the tree lists it under its branch and again flat.
    expect(jan.products).toHaveLength(9);
    expect(jan.products).toContainEqual({ id: '11926', name: 'Windows 11 version 21H2 for x64-based Systems' });
  });

  it('lists which KB fixes which CVE on which product, and nothing else', () => {
    const rows = jan.records.map((fix) => [
      fix.cve,
      fix.kb,
      fix.productId,
      fix.supersedes,
      fix.fixedBuild,
      fix.severity,
      fix.restartRequired,
      fix.subType,
      fix.exploited,
    ]);
    const update = 'Security Update';
    expect(rows).toEqual([
      ['CVE-2099-30001', '9990123', '11571', ['9990012'], '10.0.17763.9123', 'Important', true, update, true],
      ['CVE-2099-30001', '9990123', '11572', ['9990012'], '10.0.17763.9123', 'Important', true, update, true],
      ['CVE-2099-30001', '9990129', '11923', ['9990018'], '10.0.20348.9129', 'Critical', true, update, true],
      ['CVE-2099-30001', '9990129', '11924', ['9990018'], '10.0.20348.9129', 'Critical', true, update, true],
      [
        'CVE-2099-30001',
        '9990122',
        '12097',
        ['9990011', '9990005'],
        '10.0.19045.9122',
        'Important',
        true,
        update,
        true,
      ],
      ['CVE-2099-30002', '9990129', '11923', ['9990018'], '10.0.20348.9129', 'Important', true, update, false],
      ['CVE-2099-30002', '9990129', '11924', ['9990018'], '10.0.20348.9129', 'Important', true, update, false],
      [
        'CVE-2099-30002',
        '9990125',
        '12243',
        ['9990015', '9990014'],
        '10.0.22631.9125',
        'Important',
        null,
        update,
        false,
      ],
      ['CVE-2099-30004', '9990160', '11676-11923', ['9990061'], null, 'Important', false, 'Monthly Rollup', false],
    ]);
  });

  it('reads the JSON flavour of the same month to the same data', () => {
    expect(parseMsrcCvrf('msrc-2099-Jan.xml', read(JSON_FLAVOUR))).toEqual(jan);
  });

  it('reads the XML with a default namespace instead of prefixes', () => {
    const unprefixed = read(XML)
      .replace('<cvrf:cvrfdoc ', '<cvrfdoc xmlns="http://www.icasi.org/CVRF/schema/cvrf/1.1" ')
      .replaceAll('<cvrf:', '<')
      .replaceAll('</cvrf:', '</');
    expect(unprefixed).not.toContain('<cvrf:');
    expect(parseMsrcCvrf('msrc-2099-Jan.xml', unprefixed)).toEqual(jan);
  });

  it.each([
    ['5033371', ['5033371']],
    ['5033371, 5032190', ['5033371', '5032190']],
    ['KB5033371;KB5032190', ['5033371', '5032190']],
    ['5033371; 5033371', ['5033371']],
    ['', []],
    [null, []],
    ['n/a', []],
  ])('reads the Supercedence %j as %j', (value, kbs) => {
    expect(supersededKbs(value)).toEqual(kbs);
  });
});
