import { hashPassword } from '../../src/modules/users/passwords';
import type { Role } from '../../src/common/auth/roles';
import type { IntakeDto } from '../../src/modules/cases/dto/intake.dto';
import type { TestApp } from './test-app';

export const TEST_PASSWORD = 'correct horse battery staple';

let counter = 0;
let passwordHash: Promise<string> | undefined;

export interface TestUser {
  id: string;
  email: string;
  role: Role;
  deskId: string | null;
  password: string;
}

/** A staff user straight in the database (no HTTP, no audit), ready to sign in. */
export async function makeUser(
  t: TestApp,
  overrides: Partial<{
    role: Role;
    deskId: string | null;
    active: boolean;
    mustChangePassword: boolean;
    email: string;
  }> = {},
): Promise<TestUser> {
  counter += 1;
  const role = overrides.role ?? 'operator';
  const deskId =
    overrides.deskId !== undefined
      ? overrides.deskId
      : role === 'desk_staff'
        ? 'kanto'
        : 'national';
  const email = overrides.email ?? `${role}.${counter}.${Date.now().toString(36)}@example.jp`;
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const [row] = await t.db.query<{ id: string }[]>(
    `INSERT INTO app_user (email, display_name, role, desk_id, active, password_hash, must_change_password)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [
      email,
      `Test ${role} ${counter}`,
      role,
      deskId,
      overrides.active ?? true,
      await passwordHash,
      overrides.mustChangePassword ?? false,
    ],
  );
  return { id: row!.id, email, role, deskId, password: TEST_PASSWORD };
}

/**
 * A valid intake request body, typed against the API's IntakeDto so that a change there fails the
 * build here: a phone inquiry about network security from a new organization, unless overridden.
 */
export function intakeBody(overrides: Partial<IntakeDto> = {}): IntakeDto {
  counter += 1;
  return {
    channel: 'phone',
    organization: { name: `テスト商事${counter}` },
    topics: ['ICT.SEC'],
    subject: 'テレワーク導入の相談',
    ...overrides,
  };
}
