import { Algorithm, hash, verify } from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as english from '@zxcvbn-ts/language-en';

// OWASP's argon2id baseline: 19 MiB, 2 passes, 1 lane.
const OPTIONS = {
  algorithm: Algorithm.Argon2id,
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
} as const;

export const MIN_PASSWORD_LENGTH = 12;

export const hashPassword = (password: string): Promise<string> => hash(password, OPTIONS);

// Verified when the email is unknown, so that both failures take the same time.
let dummyHash: Promise<string> | undefined;

export async function verifyPassword(
  passwordHash: string | null,
  password: string,
): Promise<boolean> {
  if (!passwordHash) {
    dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  return verify(passwordHash, password).catch(() => false);
}

/** A temporary password an admin can read out over the phone: no look-alike characters. */
export function temporaryPassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(16);
  const chars = Array.from(bytes, (b) => alphabet[b % alphabet.length]);
  return [chars.slice(0, 4), chars.slice(4, 8), chars.slice(8, 12), chars.slice(12, 16)]
    .map((g) => g.join(''))
    .join('-');
}

// zxcvbn's estimate (0–4) against its offline lists of common and leaked passwords, names and
// keyboard patterns: 3 means "safely unguessable" for an online attack.
const MIN_SCORE = 3;
let estimator: ZxcvbnFactory | undefined;

/** Why a password is refused: a sentence for API users, a constraint code for the console. */
export interface PasswordProblem {
  message: string;
  constraint: 'minLength' | 'maxLength' | 'weakPassword';
  params?: { min: number } | { max: number };
}

const weak = (message: string): PasswordProblem => ({ message, constraint: 'weakPassword' });

/** Null when acceptable, else why not (for the `newPassword` field). */
export function passwordProblem(
  password: string,
  email: string,
  userInputs: string[] = [],
): PasswordProblem | null {
  if (password.length < MIN_PASSWORD_LENGTH) {
    return {
      message: `must be at least ${MIN_PASSWORD_LENGTH} characters`,
      constraint: 'minLength',
      params: { min: MIN_PASSWORD_LENGTH },
    };
  }
  if (password.length > 200) {
    return {
      message: 'must be at most 200 characters',
      constraint: 'maxLength',
      params: { max: 200 },
    };
  }
  const local = (email.split('@')[0] ?? '').toLowerCase();
  const lower = password.toLowerCase();
  if ((local.length >= 3 && lower.includes(local)) || new Set(lower).size < 5) {
    return weak('is too easy to guess');
  }
  estimator ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...english.dictionary },
    graphs: common.adjacencyGraphs,
    translations: english.translations,
  });
  // Only the first 100 characters: the estimate is superlinear and length alone is strong.
  const result = estimator.check(password.slice(0, 100), [
    local,
    'madoguchi',
    'telework',
    ...userInputs,
  ]);
  if (result.score < MIN_SCORE) {
    const warning = result.feedback.warning;
    return weak(`is too easy to guess${warning ? ` (${warning})` : ''}`);
  }
  return null;
}
