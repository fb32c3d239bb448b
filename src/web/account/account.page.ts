import { ExpertDto } from 'src/catalog/dto/expert.dto';
import { AuthUser } from 'src/common/auth/auth-user';
import { listOf } from 'src/web/form-values';
import { doneOf, Form, Refusal } from 'src/web/forms';

/**
 * The account pages' forms as the API's DTOs read them, and what the pages show again: pure, so it
 * is tested without a browser.
 */

/** The organization's inputs as the forms name them (`org…`), and the DTO's fields they fill. */
const ORGANIZATION_INPUTS = {
  orgName: 'name',
  orgKind: 'kind',
  orgRegion: 'region',
  orgFields: 'industryFields',
  orgCreditCode: 'creditCode',
  orgTitle: 'title',
} as const;

/** What the organization inputs hold, as CreateOrganizationDto's input; undefined if all empty. */
export function organizationOf(body: Form): Form | undefined {
  const given = Object.entries(ORGANIZATION_INPUTS)
    .map(([input, field]) => [field, typeof body[input] === 'string' ? body[input].trim() : ''])
    .filter(([, value]) => value !== '');
  if (given.length === 0) return undefined;
  const organization = Object.fromEntries(given) as Form;
  if (organization.industryFields !== undefined)
    organization.industryFields = listOf(organization.industryFields);
  return organization;
}

/** The sign-up form as SignUpDto's input (the organization nested, when one is given). */
export function signUpInput(body: Form): Form {
  const { name, email, mobile, password, role, acceptPrivacy } = body;
  return { name, email, mobile, password, role, acceptPrivacy, organization: organizationOf(body) };
}

/**
 * A refusal with the organization's problems beside the `org…` inputs: the DTO names them
 * `<prefix>name` (`organization.name` in a sign-up), and the service names a taken credit code
 * `creditCode` even when it came nested in a sign-up.
 */
export function onOrganizationInputs(refusal: Refusal, prefix: string): Refusal {
  const inputOf: Record<string, string> = Object.fromEntries(
    Object.entries(ORGANIZATION_INPUTS).map(([input, field]) => [field, input]),
  );
  const inputFor = (field: string): string => {
    if (!field.startsWith(prefix) && field !== 'creditCode') return field;
    const name = field.slice(field.startsWith(prefix) ? prefix.length : 0).split('.')[0];
    return inputOf[name] ?? field;
  };
  const fields = Object.entries(refusal.fields).map(([field, text]) => [inputFor(field), text]);
  return { ...refusal, fields: Object.fromEntries(fields) as Record<string, string> };
}

/** What a typed form keeps to show again: everything but passwords. */
export function typedOf(body: Form | undefined): Form {
  return Object.fromEntries(
    Object.entries(body ?? {}).filter(([key]) => !key.toLowerCase().includes('password')),
  );
}

/** The notice on the account page after a change (`?done=`), as a text key; nothing for anything else. */
export function accountNotice(done: unknown): string | undefined {
  const known = doneOf(done, ['organization', 'password', 'expertProfile', 'verified', 'reset']);
  return known && `account.done.${known}`;
}

/** The expert profile form: the profile with its lists as one line, or a new one's starting values. */
export function expertProfileForm(profile: ExpertDto | undefined, user: AuthUser): Form {
  if (!profile) return { name: user.name, availability: 'available' };
  return { ...profile, fields: profile.fields.join('、'), keywords: profile.keywords.join('、') };
}

/** The expert profile form as UpsertExpertDto's input: the lists typed as one line. */
export function expertProfileInput(body: Form | undefined): Form {
  return { ...body, fields: listOf(body?.fields), keywords: listOf(body?.keywords) };
}
