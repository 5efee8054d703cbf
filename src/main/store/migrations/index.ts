import { sql as init } from './001-init';
import { sql as hostKey } from './002-host-key';
import { sql as scans } from './003-scans';
import { sql as transport } from './004-transport';
import { sql as feeds } from './005-feeds';
import { sql as advisories } from './006-advisories';
import { sql as exceptions } from './007-exceptions';
import { sql as advisorySources } from './008-advisory-sources';
import { sql as nvd } from './009-nvd';
import { sql as msrc } from './010-msrc';
import { sql as controls } from './011-controls';
import { sql as serviceGraph } from './012-service-graph';
import { sql as rolloutPolicy } from './013-rollout-policy';
import { sql as rollouts } from './014-rollouts';
import { sql as rolloutWork } from './015-rollout-work';
import { sql as rolloutDriver } from './016-rollout-driver';

export interface Migration {
  /** 1, 2, 3 … without gaps; the database records which ones it has. */
  id: number;
  name: string;
  sql: string;
}

/** Forward-only. Never edit an entry once it has shipped: add the next one. */
export const MIGRATIONS: readonly Migration[] = [
  { id: 1, name: 'init', sql: init },
  { id: 2, name: 'host-key', sql: hostKey },
  { id: 3, name: 'scans', sql: scans },
  { id: 4, name: 'transport', sql: transport },
  { id: 5, name: 'feeds', sql: feeds },
  { id: 6, name: 'advisories', sql: advisories },
  { id: 7, name: 'exceptions', sql: exceptions },
  { id: 8, name: 'advisory-sources', sql: advisorySources },
  { id: 9, name: 'nvd', sql: nvd },
  { id: 10, name: 'msrc', sql: msrc },
  { id: 11, name: 'controls', sql: controls },
  { id: 12, name: 'service-graph', sql: serviceGraph },
  { id: 13, name: 'rollout-policy', sql: rolloutPolicy },
  { id: 14, name: 'rollouts', sql: rollouts },
  { id: 15, name: 'rollout-work', sql: rolloutWork },
  { id: 16, name: 'rollout-driver', sql: rolloutDriver },
];
