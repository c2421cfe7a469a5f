/** Password hashing with argon2id; parameters live in the hash string, so they can change later. */
import { hash, verify } from '@node-rs/argon2';

export type PasswordHasher = {
  hash: (password: string) => Promise<string>;
  verify: (hashed: string, password: string) => Promise<boolean>;
};

/** argon2id with OWASP's minimum (19 MiB, 2 passes) unless told otherwise. */
export function argon2Hasher(memoryCostKib = 19456): PasswordHasher {
  return {
    hash: (password) => hash(password, { memoryCost: memoryCostKib, timeCost: 2, parallelism: 1 }),
    verify: async (hashed, password) => {
      try {
        return await verify(hashed, password);
      } catch {
        return false;
      }
    },
  };
}
