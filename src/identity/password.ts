import { hash, verify } from '@node-rs/argon2';

/** argon2id with the library's defaults (19 MiB, 2 passes): OWASP's recommended minimum. */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

// A hash of a random string, verified against when the e-mail is unknown, so that an unknown
// e-mail and a wrong password take the same time.
const dummyHash = hashPassword(`unknown-${Math.random()}`);

export async function verifyPassword(
  hashed: string | undefined,
  password: string,
): Promise<boolean> {
  try {
    return await verify(hashed ?? (await dummyHash), password);
  } catch {
    return false;
  }
}
