/** Passwords are stored as argon2id hashes only. */
import { hash, verify } from '@node-rs/argon2';

/** Algorithm.Argon2id (a const enum, which isolated modules cannot read). */
const ARGON2ID = 2;

export function hashPassword(plain: string): Promise<string> {
  return hash(plain, { algorithm: ARGON2ID });
}

export async function verifyPassword(hashed: string, plain: string): Promise<boolean> {
  try {
    return await verify(hashed, plain);
  } catch {
    return false;
  }
}

/** Minimum rules a staff password must meet; returns a Chinese reason or null. */
export function passwordProblem(p: string): string | null {
  if (p.length < 8) return '密码至少 8 位';
  if (!/[A-Za-z]/.test(p) || !/\d/.test(p)) return '密码须同时包含字母和数字';
  return null;
}
