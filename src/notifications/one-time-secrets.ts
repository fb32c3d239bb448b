/**
 * A message that carries a one-time secret (a sign-in code, a verification link) keeps it in its
 * outbox row only until it is delivered or fails for good: the keys listed under `SECRET_KEYS` are
 * removed from the row's data then, so the table never holds a code or link that was already sent.
 */
export const SECRET_KEYS = '$secrets';

/** `data` with `keys` marked as secrets to remove once the message is delivered or given up. */
export function withSecrets(
  data: Record<string, unknown>,
  keys: readonly string[],
): Record<string, unknown> {
  return { ...data, [SECRET_KEYS]: keys };
}

/** SQL of a row's data without its secrets (and without their list), for `UPDATE … SET data =`. */
export const DATA_WITHOUT_SECRETS = `CASE WHEN data ? '${SECRET_KEYS}'
  THEN (data - ARRAY(SELECT jsonb_array_elements_text(data->'${SECRET_KEYS}'))) - '${SECRET_KEYS}'
  ELSE data END`;
