import { generate, generateSecret, generateURI, verify } from 'otplib';

/** One 30-second step either side, for clocks that drift and users who type slowly. */
const TOLERANCE_SECONDS = 30;

export const newTotpSecret = (): string => generateSecret();

export const totpUri = (secret: string, email: string): string =>
  generateURI({ issuer: 'Madoguchi', label: email, secret });

export async function verifyTotp(secret: string, code: string): Promise<boolean> {
  const result = await verify({ secret, token: code, epochTolerance: TOLERANCE_SECONDS });
  return result.valid;
}

/** For tests and the CLI: the code an authenticator would show now. */
export const currentTotp = (secret: string): Promise<string> => generate({ secret });
