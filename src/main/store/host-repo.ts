import type Database from 'better-sqlite3';
import type { Host, HostInput } from '../../shared/domain/host';

interface HostRow {
  id: number;
  name: string;
  address: string;
  port: number;
  os_family: Host['osFamily'];
  transport: Host['transport'];
  login_user: string;
  auth_method: Host['authMethod'];
  credential_ref: string | null;
  jump_host: string | null;
  tags: string;
  controls: string;
  environment: string;
  ring: Host['ring'];
  criticality: Host['criticality'];
  exposure: Host['exposure'];
  created_at: string;
  updated_at: string;
}

const toHost = (row: HostRow): Host => ({
  id: row.id,
  name: row.name,
  address: row.address,
  port: row.port,
  osFamily: row.os_family,
  transport: row.transport,
  loginUser: row.login_user,
  authMethod: row.auth_method,
  credentialRef: row.credential_ref,
  jumpHost: row.jump_host,
  tags: JSON.parse(row.tags) as string[],
  controls: JSON.parse(row.controls) as Host['controls'],
  environment: row.environment,
  ring: row.ring,
  criticality: row.criticality,
  exposure: row.exposure,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

const columns = (host: HostInput) => ({
  name: host.name,
  address: host.address,
  port: host.port,
  osFamily: host.osFamily,
  transport: host.transport,
  loginUser: host.loginUser,
  authMethod: host.authMethod,
  credentialRef: host.credentialRef,
  jumpHost: host.jumpHost,
  tags: JSON.stringify(host.tags),
  controls: JSON.stringify(host.controls),
  environment: host.environment,
  ring: host.ring,
  criticality: host.criticality,
  exposure: host.exposure,
});

export function createHostRepo(db: Database.Database) {
  const byId = db.prepare<[number], HostRow>('SELECT * FROM host WHERE id = ?');
  const insert = db.prepare(`INSERT INTO host
    (name, address, port, os_family, transport, login_user, auth_method, credential_ref, jump_host, tags, environment,
     ring, criticality, exposure, controls, created_at, updated_at)
    VALUES (@name, @address, @port, @osFamily, @transport, @loginUser, @authMethod, @credentialRef, @jumpHost, @tags,
     @environment, @ring, @criticality, @exposure, @controls, @at, @at)`);
  const update = db.prepare(`UPDATE host SET name = @name, address = @address, port = @port,
    os_family = @osFamily, transport = @transport, login_user = @loginUser, auth_method = @authMethod,
    credential_ref = @credentialRef, jump_host = @jumpHost, tags = @tags, environment = @environment, ring = @ring,
    criticality = @criticality, exposure = @exposure, controls = @controls, updated_at = @at WHERE id = @id`);

  return {
    list(): Host[] {
      return db.prepare<[], HostRow>('SELECT * FROM host ORDER BY name COLLATE NOCASE').all().map(toHost);
    },
    get(id: number): Host | undefined {
      const row = byId.get(id);
      return row ? toHost(row) : undefined;
    },
    /** Another host (not `exceptId`) with this name, compared without case. */
    findByName(name: string, exceptId = 0): Host | undefined {
      const row = db
        .prepare<[string, number], HostRow>('SELECT * FROM host WHERE name = ? COLLATE NOCASE AND id != ?')
        .get(name, exceptId);
      return row ? toHost(row) : undefined;
    },
    findByEndpoint(address: string, port: number, exceptId = 0): Host | undefined {
      const row = db
        .prepare<[string, number, number], HostRow>(
          'SELECT * FROM host WHERE address = ? COLLATE NOCASE AND port = ? AND id != ?',
        )
        .get(address, port, exceptId);
      return row ? toHost(row) : undefined;
    },
    insert(host: HostInput, at: string): Host {
      const { lastInsertRowid } = insert.run({ ...columns(host), at });
      return toHost(byId.get(Number(lastInsertRowid)) as HostRow);
    },
    update(id: number, host: HostInput, at: string): Host {
      update.run({ ...columns(host), at, id });
      return toHost(byId.get(id) as HostRow);
    },
    remove(id: number): void {
      db.prepare('DELETE FROM host WHERE id = ?').run(id);
    },
  };
}

export type HostRepo = ReturnType<typeof createHostRepo>;
