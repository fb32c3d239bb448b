/** The Authorization header for a bearer token. */
export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** The field names of a coded error's `details.fields`, in order. */
export function fieldNames(body: unknown): string[] {
  const fields = (body as { details?: { fields?: { field: string }[] } }).details?.fields ?? [];
  return fields.map((f) => f.field);
}
