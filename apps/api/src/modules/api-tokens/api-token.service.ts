import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { ActorContext } from '../../common/auth/actor-context';
import type { Principal } from '../../common/auth/principal';
import { mayDelegateRole, type Role } from '../../common/auth/roles';
import type { Row } from '../../database/rows';
import { randomToken, sha256 } from '../../common/auth/secrets';
import type { TokenScope } from '../../common/auth/token-scopes';
import { AppError, validationError } from '../../common/errors/app-error';
import { AuditService } from '../audit/audit.service';
import type { ApiTokenDto, CreateApiTokenDto, CreatedApiTokenDto } from './dto/api-token.dto';

interface TokenRow {
  id: string;
  token_prefix: string;
  name: string;
  user_id: string;
  user_email: string;
  role: Role;
  desk_id: string | null;
  scopes: TokenScope[];
  created_at: Date;
  expires_at: Date | null;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

// What tokens could do before they had scopes, so an integration that sends none keeps working.
const DEFAULT_SCOPES: TokenScope[] = ['read', 'write'];

const TOKEN_PATTERN = /^mdg_([A-Za-z0-9]{8})_([A-Za-z0-9_-]{43})$/;
const TOUCH_EVERY_MS = 60_000;

const toDto = (row: TokenRow): ApiTokenDto => ({
  id: row.id,
  name: row.name,
  prefix: `mdg_${row.token_prefix}`,
  userId: row.user_id,
  userEmail: row.user_email,
  role: row.role,
  deskId: row.desk_id,
  scopes: row.scopes,
  createdAt: row.created_at.toISOString(),
  expiresAt: row.expires_at?.toISOString() ?? null,
  lastUsedAt: row.last_used_at?.toISOString() ?? null,
  revokedAt: row.revoked_at?.toISOString() ?? null,
});

/**
 * Personal API tokens for integrations. Only a hash is stored; the token is shown once.
 * A token acts with its own role and desk, never more than its owner is still allowed to exist.
 */
@Injectable()
export class ApiTokenService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async authenticate(bearer: string): Promise<Principal | null> {
    if (!TOKEN_PATTERN.test(bearer)) {
      return null;
    }
    const rows = await this.dataSource.query<(TokenRow & { display_name: string })[]>(
      `SELECT t.id, t.role, t.desk_id, t.scopes, t.last_used_at, u.id AS user_id, u.email AS user_email, u.display_name
         FROM api_token t JOIN app_user u ON u.id = t.user_id
        WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > now())
          AND u.active`,
      [sha256(bearer)],
    );
    const row = rows[0];
    if (!row) {
      return null;
    }
    if (!row.last_used_at || Date.now() - row.last_used_at.getTime() > TOUCH_EVERY_MS) {
      await this.dataSource.query(`UPDATE api_token SET last_used_at = now() WHERE id = $1`, [
        row.id,
      ]);
    }
    return {
      userId: row.user_id,
      email: row.user_email,
      displayName: row.display_name,
      role: row.role,
      deskId: row.desk_id,
      mustChangePassword: false,
      totpEnabled: false,
      via: 'token',
      tokenId: row.id,
      tokenScopes: row.scopes,
    };
  }

  async list(): Promise<ApiTokenDto[]> {
    const rows = await this.dataSource.query<TokenRow[]>(
      `SELECT t.*, u.email AS user_email FROM api_token t JOIN app_user u ON u.id = t.user_id
        ORDER BY t.revoked_at IS NOT NULL, t.created_at DESC`,
    );
    return rows.map(toDto);
  }

  async create(dto: CreateApiTokenDto, actor: ActorContext): Promise<CreatedApiTokenDto> {
    const creator = actor.principal!;
    const ownerId = dto.userId ?? creator.userId;
    if (dto.role === 'desk_staff' && !dto.deskId) {
      throw validationError('deskId', 'is required for the desk_staff role');
    }
    if (dto.expiresAt !== undefined && Date.parse(dto.expiresAt) <= Date.now()) {
      throw validationError('expiresAt', 'must be in the future');
    }
    const prefix = randomToken(6)
      .replace(/[^A-Za-z0-9]/g, 'x')
      .slice(0, 8);
    const token = `mdg_${prefix}_${randomToken()}`;
    return this.dataSource.transaction(async (db) => {
      const [owner] = await db.query<Row<'app_user', 'id' | 'role'>[]>(
        `SELECT id, role FROM app_user WHERE id = $1 AND active`,
        [ownerId],
      );
      if (!owner) {
        throw validationError('userId', 'must be an active user');
      }
      // A token never acts above its owner: an admin cannot mint an admin token for an operator.
      if (!mayDelegateRole(owner.role as Role, dto.role)) {
        throw validationError('role', `must be within the owner's role (${owner.role})`);
      }
      if (dto.deskId) {
        const desk = await db.query<{ id: string }[]>(`SELECT id FROM desk WHERE id = $1`, [
          dto.deskId,
        ]);
        if (desk.length === 0) {
          throw validationError('deskId', 'is not a known desk');
        }
      }
      const [row] = await db.query<TokenRow[]>(
        `INSERT INTO api_token (token_hash, token_prefix, name, user_id, role, desk_id, created_by, expires_at, scopes)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         RETURNING *, (SELECT email FROM app_user WHERE id = $4) AS user_email`,
        [
          sha256(token),
          prefix,
          dto.name,
          ownerId,
          dto.role,
          dto.deskId ?? null,
          creator.userId,
          dto.expiresAt ?? null,
          dto.scopes ?? DEFAULT_SCOPES,
        ],
      );
      await this.audit.record(
        actor,
        {
          action: 'api_token.created',
          entityType: 'api_token',
          entityId: row!.id,
          meta: { role: dto.role, ownerId, scopes: dto.scopes ?? DEFAULT_SCOPES },
        },
        db,
      );
      return { ...toDto(row!), token };
    });
  }

  async revoke(id: string, actor: ActorContext): Promise<void> {
    await this.dataSource.transaction(async (db) => {
      const [, affected] = await db.query<[unknown, number]>(
        `UPDATE api_token SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL`,
        [id],
      );
      if (affected === 0) {
        const exists = await db.query<{ id: string }[]>(`SELECT id FROM api_token WHERE id = $1`, [
          id,
        ]);
        if (exists.length === 0) {
          throw new AppError('NOT_FOUND', 'No such API token.');
        }
        return; // Already revoked: revoking is idempotent.
      }
      await this.audit.record(
        actor,
        { action: 'api_token.revoked', entityType: 'api_token', entityId: id },
        db,
      );
    });
  }
}
