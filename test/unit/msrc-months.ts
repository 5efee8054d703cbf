import type { WindowsHost } from '../../src/main/domain/match/windows';
import { parseMsrcCvrf, type MsrcData } from '../../src/main/feeds/msrc';
import type { MsrcProductFix } from '../../src/shared/domain/msrc';
import { read } from './fixtures';

export const XML = 'test/fixtures/feeds/msrc/msrc-2099-Jan.xml';
export const JSON_FLAVOUR = 'test/fixtures/feeds/msrc/msrc-2099-Jan.json';
/** January 2099: the month the fixture files hold, as read from the XML. */
export const jan = parseMsrcCvrf('msrc-2099-Jan.xml', read(XML));

/** The fixes with their product names, as the store hands them out. */
export const withProducts = (data: MsrcData): MsrcProductFix[] => {
  const names = new Map(data.products.map((product) => [product.id, product.name]));
  return data.records.map((fix) => ({ ...fix, document: data.id, product: names.get(fix.productId) ?? '' }));
};

/** A Windows Server 2022 host at build 20348.`ubr` with these KBs installed. */
export const server2022 = (ubr: number, kbs: string[] = []): WindowsHost => ({
  caption: 'Microsoft Windows Server 2022 Datacenter',
  build: 20348,
  ubr,
  displayVersion: '21H2',
  kbs: new Set(kbs),
});

/** Two later months for Windows Server 2022, each update replacing the one before. */
const later = (kb: string, supersedes: string, revision: string): MsrcProductFix => ({
  document: `2099-${kb}`,
  product: 'Windows Server 2022',
  cve: `CVE-2099-4${revision}`,
  kb,
  productId: '11923',
  supersedes: [supersedes],
  fixedBuild: `10.0.20348.${revision}`,
  severity: 'Important',
  restartRequired: true,
  subType: 'Security Update',
  exploited: false,
});
export const feb = later('9990229', '9990129', '9229');
export const mar = later('9990329', '9990229', '9329');
