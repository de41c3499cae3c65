import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { ActorContext } from '../../common/auth/actor-context';
import type { Principal } from '../../common/auth/principal';
import { mayDelegateRole } from '../../common/auth/roles';
import { randomToken, sha256 } from '../../common/auth/secrets';
import type { TokenScope } from '../../common/auth/token-scopes';
import { AppError, validationError } from '../../common/errors/app-error';
import { Clock } from '../../common/clock/clock';
import { type Authenticated, CredentialCache } from '../../common/auth/credential-cache';
import { AuditService } from '../audit/audit.service';
import { ApiTokensRepository, type TokenRow } from './api-tokens.repository';
import type { ApiTokenDto, CreateApiTokenDto, CreatedApiTokenDto } from './dto/api-token.dto';

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
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly tokens: ApiTokensRepository,
    private readonly credentials: CredentialCache,
  ) {}

  /** The token's principal (value) and how much longer the token lives, or null if it is not live. */
  async authenticate(bearer: string): Promise<Authenticated<Principal> | null> {
    if (!TOKEN_PATTERN.test(bearer)) {
      return null;
    }
    const row = await this.tokens.findLive(sha256(bearer));
    if (!row) {
      return null;
    }
    if (
      !row.last_used_at ||
      this.clock.now().getTime() - row.last_used_at.getTime() > TOUCH_EVERY_MS
    ) {
      await this.tokens.touch(row.id);
    }
    return {
      validForMs: row.live_ms,
      value: {
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
      },
    };
  }

  async list(): Promise<ApiTokenDto[]> {
    return (await this.tokens.list()).map(toDto);
  }

  async create(dto: CreateApiTokenDto, actor: ActorContext): Promise<CreatedApiTokenDto> {
    const creator = actor.principal!;
    const ownerId = dto.userId ?? creator.userId;
    if (dto.role === 'desk_staff' && !dto.deskId) {
      throw validationError('deskId', 'is required for the desk_staff role');
    }
    if (dto.expiresAt !== undefined && Date.parse(dto.expiresAt) <= this.clock.now().getTime()) {
      throw validationError('expiresAt', 'must be in the future');
    }
    const prefix = randomToken(6)
      .replace(/[^A-Za-z0-9]/g, 'x')
      .slice(0, 8);
    const token = `mdg_${prefix}_${randomToken()}`;
    return this.dataSource.transaction(async (db) => {
      const ownerRole = await this.tokens.activeUserRole(db, ownerId);
      if (!ownerRole) {
        throw validationError('userId', 'must be an active user');
      }
      // A token never acts above its owner: an admin cannot mint an admin token for an operator.
      if (!mayDelegateRole(ownerRole, dto.role)) {
        throw validationError('role', `must be within the owner's role (${ownerRole})`);
      }
      if (dto.deskId && !(await this.tokens.deskExists(db, dto.deskId))) {
        throw validationError('deskId', 'is not a known desk');
      }
      const row = await this.tokens.insert(db, {
        tokenHash: sha256(token),
        prefix,
        name: dto.name,
        userId: ownerId,
        role: dto.role,
        deskId: dto.deskId ?? null,
        createdBy: creator.userId,
        expiresAt: dto.expiresAt ?? null,
        scopes: dto.scopes ?? DEFAULT_SCOPES,
      });
      await this.audit.record(
        actor,
        {
          action: 'api_token.created',
          entityType: 'api_token',
          entityId: row.id,
          meta: { role: dto.role, ownerId, scopes: dto.scopes ?? DEFAULT_SCOPES },
        },
        db,
      );
      return { ...toDto(row), token };
    });
  }

  async revoke(id: string, actor: ActorContext): Promise<void> {
    await this.credentials.transaction(this.dataSource, async (db) => {
      if (!(await this.tokens.revoke(db, id))) {
        if (!(await this.tokens.exists(db, id))) {
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
