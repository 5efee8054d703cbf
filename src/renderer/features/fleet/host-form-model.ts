import { hostInputSchema, type HostInput } from '../../../shared/domain/host';
import { errorsFromIssues, type FormErrors } from '../../ui/form-errors';
import { numberFromInput } from '../../ui/number-input';

export const HOST_FIELDS = [
  'name',
  'address',
  'port',
  'osFamily',
  'transport',
  'loginUser',
  'authMethod',
  'credentialRef',
  'jumpHost',
  'tags',
  'environment',
  'ring',
  'criticality',
  'exposure',
  'controls',
] as const satisfies readonly (keyof HostInput)[];

export type HostField = (typeof HOST_FIELDS)[number];

/** The form holds exactly what was typed; it becomes a `HostInput` only by passing the schema. */
export type HostFormValues = Record<HostField, string>;

export function formValuesFor(host: HostInput): HostFormValues {
  return {
    name: host.name,
    address: host.address,
    port: String(host.port),
    osFamily: host.osFamily,
    transport: host.transport,
    loginUser: host.loginUser,
    authMethod: host.authMethod,
    credentialRef: host.credentialRef ?? '',
    jumpHost: host.jumpHost ?? '',
    tags: host.tags.join(', '),
    environment: host.environment,
    ring: host.ring,
    criticality: host.criticality,
    exposure: host.exposure,
    controls: host.controls.join(','),
  };
}

/** The controls' checkboxes keep the ticked names comma separated, like the tags' text. */
export function toggledControls(text: string, control: string, on: boolean): string {
  const ticked = tagsFromText(text).filter((name) => name !== control);
  return (on ? [...ticked, control] : ticked).join(',');
}

/** Tags are typed comma separated; blanks between commas are slips, not tags. */
export function tagsFromText(text: string): string[] {
  return text
    .split(',')
    .map((tag) => tag.trim())
    .filter((tag) => tag !== '');
}

export type HostFormResult = { ok: true; host: HostInput } | { ok: false; errors: FormErrors<HostField> };

/** Checks the form with the same schema the main side uses, so nothing invalid is ever sent. */
export function parseHostForm(values: HostFormValues): HostFormResult {
  const credentialRef = values.credentialRef.trim();
  const jumpHost = values.jumpHost.trim();
  const parsed = hostInputSchema.safeParse({
    ...values,
    port: numberFromInput(values.port),
    credentialRef: credentialRef === '' ? null : credentialRef,
    jumpHost: jumpHost === '' ? null : jumpHost,
    tags: tagsFromText(values.tags),
    controls: tagsFromText(values.controls),
  });
  return parsed.success
    ? { ok: true, host: parsed.data }
    : { ok: false, errors: errorsFromIssues(parsed.error.issues, HOST_FIELDS) };
}
