import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Principal } from '../../common/auth/principal';
import { AppError } from '../../common/errors/app-error';
import type { CreateSavedViewDto, SavedViewDto, SavedViewQueryDto } from './dto/saved-view.dto';

interface Row {
  id: string;
  name: string;
  query: SavedViewQueryDto;
  created_at: Date;
}

const toDto = (r: Row): SavedViewDto => ({
  id: r.id,
  name: r.name,
  query: r.query,
  createdAt: r.created_at.toISOString(),
});

/**
 * A user's own named filters for the case list. Views belong to one user: nobody else sees
 * or deletes them, and the list they open is still scoped to whoever opens it.
 */
@Injectable()
export class SavedViewsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(principal: Principal): Promise<SavedViewDto[]> {
    const rows = await this.dataSource.query<Row[]>(
      `SELECT id, name, query, created_at FROM saved_view WHERE user_id = $1 ORDER BY name`,
      [principal.userId],
    );
    return rows.map(toDto);
  }

  async create(dto: CreateSavedViewDto, principal: Principal): Promise<SavedViewDto> {
    const [row] = await this.dataSource.query<Row[]>(
      `INSERT INTO saved_view (user_id, name, query) VALUES ($1, $2, $3)
       ON CONFLICT (user_id, name) DO NOTHING RETURNING id, name, query, created_at`,
      [principal.userId, dto.name, JSON.stringify(dto.query)],
    );
    if (!row) {
      throw new AppError('SAVED_VIEW_NAME_TAKEN', `You already have a view named "${dto.name}".`, [
        { field: 'name', message: 'is already used by another of your views' },
      ]);
    }
    return toDto(row);
  }

  async remove(id: string, principal: Principal): Promise<void> {
    // For DELETE, TypeORM's pg driver answers [rows, affectedCount].
    const [, affected] = await this.dataSource.query<[unknown, number]>(
      `DELETE FROM saved_view WHERE id = $1 AND user_id = $2`,
      [id, principal.userId],
    );
    if (affected === 0) {
      throw new AppError('NOT_FOUND', 'No such saved view.');
    }
  }
}
