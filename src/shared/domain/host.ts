import { z } from 'zod';
import { isHostAddress } from './address';
import { COMPENSATING_CONTROLS } from './controls';

export const OS_FAMILIES = ['unknown', 'debian', 'rhel', 'windows'] as const;
export const AUTH_METHODS = ['key', 'agent', 'password'] as const;
export const RINGS = ['test', 'non-critical', 'important', 'critical'] as const;
export const CRITICALITIES = ['low', 'medium', 'high', 'critical'] as const;
export const EXPOSURES = ['internet-facing', 'internal', 'isolated'] as const;
/** How Patchwise reaches a host: SSH (Linux, and Windows' OpenSSH server) or WinRM (Windows). */
export const TRANSPORTS = ['ssh', 'winrm'] as const;

export type OsFamily = (typeof OS_FAMILIES)[number];
export type AuthMethod = (typeof AUTH_METHODS)[number];
export type Ring = (typeof RINGS)[number];
export type Criticality = (typeof CRITICALITIES)[number];
export type Exposure = (typeof EXPOSURES)[number];
export type Transport = (typeof TRANSPORTS)[number];

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
// Linux user names, plus DOMAIN\user and user@domain for Windows logins.
const LOGIN_USER = /^[A-Za-z0-9_][A-Za-z0-9_.@\\-]*\$?$/;
const TAG = /^[A-Za-z0-9][A-Za-z0-9:_.=-]*$/;
const ENVIRONMENT = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;
// A secret's name in the secret store, or `file:` and the absolute path of a key file on disk.
const CREDENTIAL_REF = /^(file:\/[A-Za-z0-9_./-]+|[A-Za-z0-9][A-Za-z0-9:_.-]*)$/;

const oneOf = <T extends readonly [string, ...string[]]>(values: T, what: string) =>
  z.enum(values, { error: () => `${what} must be one of: ${values.join(', ')}` });

/** What an admin types to add or edit a host. Messages are written for people. */
const hostFieldsSchema = z.object({
  name: z
    .string({ error: 'Name is required' })
    .trim()
    .min(1, 'Name is required')
    .max(63, 'Name must be at most 63 characters')
    .regex(
      NAME,
      'Name may contain letters, digits, dots, dashes and underscores, and must start with a letter or digit',
    ),
  address: z
    .string({ error: 'Address is required' })
    .trim()
    .toLowerCase()
    .min(1, 'Address is required')
    .refine(isHostAddress, 'Address must be an IPv4 address, an IPv6 address or a host name such as web1.example.lan'),
  port: z
    .number({ error: 'Port must be a number' })
    .int('Port must be a whole number')
    .min(1, 'Port must be between 1 and 65535')
    .max(65535, 'Port must be between 1 and 65535'),
  osFamily: oneOf(OS_FAMILIES, 'OS family'),
  // Hosts added before WinRM existed, and scripts that do not say, are reached over SSH.
  transport: oneOf(TRANSPORTS, 'Connection').default('ssh'),
  loginUser: z
    .string({ error: 'Login user is required' })
    .trim()
    .min(1, 'Login user is required')
    .max(64, 'Login user must be at most 64 characters')
    .regex(LOGIN_USER, 'Login user may contain letters, digits, _ . @ - and \\ only'),
  authMethod: oneOf(AUTH_METHODS, 'Authentication'),
  credentialRef: z
    .string()
    .trim()
    .max(256, 'Credential reference must be at most 256 characters')
    .regex(
      CREDENTIAL_REF,
      'Credential reference must be a secret name (letters, digits, : _ . -) or file: and an absolute path',
    )
    .refine((ref) => !ref.split('/').includes('..'), 'A key file path may not contain ..')
    .nullable(),
  jumpHost: z
    .string()
    .trim()
    .max(63, 'Jump host must be at most 63 characters')
    .regex(NAME, 'Jump host must be the name of another host in the fleet')
    .nullable(),
  tags: z
    .array(
      z
        .string()
        .trim()
        .min(1, 'Tags cannot be empty')
        .max(63, 'Each tag must be at most 63 characters')
        .regex(TAG, 'Tags may contain letters, digits, : _ . = - only'),
    )
    .max(32, 'A host can have at most 32 tags')
    .refine((tags) => new Set(tags).size === tags.length, 'Each tag may appear only once'),
  environment: z
    .string()
    .trim()
    .min(1, 'Environment is required (for example production)')
    .max(32, 'Environment must be at most 32 characters')
    .regex(ENVIRONMENT, 'Environment may contain letters, digits, dashes and underscores only'),
  ring: oneOf(RINGS, 'Ring'),
  criticality: oneOf(CRITICALITIES, 'Criticality'),
  exposure: oneOf(EXPOSURES, 'Exposure'),
  // Hosts added before controls existed, and imports that do not say, have none.
  controls: z
    .array(oneOf(COMPENSATING_CONTROLS, 'Compensating control'))
    .refine((controls) => new Set(controls).size === controls.length, 'Each control may appear only once')
    .default([]),
});

type HostFields = z.infer<typeof hostFieldsSchema>;

/**
 * WinRM is PowerShell remoting run from the admin's own Windows machine: Windows hosts only,
 * with a stored password or the admin's own Windows login (Kerberos), and no SSH jump host.
 */
function checkTransport(host: HostFields, ctx: z.RefinementCtx): void {
  if (host.transport !== 'winrm') return;
  const problem = (message: string): void => {
    ctx.addIssue({ code: 'custom', path: ['transport'], message });
  };
  if (host.osFamily !== 'windows') problem('WinRM reaches Windows hosts only: set the OS family to Windows');
  if (host.authMethod === 'key') problem('WinRM signs in with a password or your own Windows login, not an SSH key');
  if (host.jumpHost !== null) problem('WinRM cannot go through an SSH jump host');
}

export const hostInputSchema = hostFieldsSchema.superRefine(checkTransport);

export type HostInput = z.infer<typeof hostInputSchema>;

const HOST_INPUT_FIELDS = Object.keys(hostFieldsSchema.shape) as (keyof HostInput)[];

/** Just the admin-editable fields of a host (drops id and timestamps). */
export function hostInputOf(host: HostInput): HostInput {
  return Object.fromEntries(HOST_INPUT_FIELDS.map((field) => [field, host[field]])) as HostInput;
}

export const hostSchema = hostFieldsSchema
  .extend({
    id: z.number().int().positive(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .superRefine(checkTransport);

export type Host = z.infer<typeof hostSchema>;

export const hostIdSchema = z.number({ error: 'Host id must be a number' }).int().positive();

export const DEFAULT_HOST_INPUT: HostInput = {
  name: '',
  address: '',
  port: 22,
  osFamily: 'unknown',
  transport: 'ssh',
  loginUser: 'root',
  authMethod: 'key',
  credentialRef: null,
  jumpHost: null,
  tags: [],
  environment: 'production',
  ring: 'non-critical',
  criticality: 'medium',
  exposure: 'internal',
  controls: [],
};
