import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Row } from '../../database/rows';
import type { SavedViewQueryDto } from './dto/saved-view.dto';

export type SavedViewRow = Row<'saved_view', 'id' | 'name' | 'created_at'> & {
  query: SavedViewQueryDto;
};

/** The SQL on `saved_view`: every statement is bound to the owner's user id. */
@Injectable()
export class SavedViewsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  list(userId: string): Promise<SavedViewRow[]> {
    return this.dataSource.query<SavedViewRow[]>(
      `SELECT id, name, query, created_at FROM saved_view WHERE user_id = $1 ORDER BY name`,
      [userId],
    );
  }

  /** Null when the user already has a view of that name. */
  async insert(
    userId: string,
    name: string,
    query: SavedViewQueryDto,
  ): Promise<SavedViewRow | null> {
    const [row] = await this.dataSource.query<SavedViewRow[]>(
      `INSERT INTO saved_view (user_id, name, query) VALUES ($1, $2, $3)
       ON CONFLICT (user_id, name) DO NOTHING RETURNING id, name, query, created_at`,
      [userId, name, JSON.stringify(query)],
    );
    return row ?? null;
  }

  /** False when the user has no such view. */
  async remove(id: string, userId: string): Promise<boolean> {
    // For DELETE, TypeORM's pg driver answers [rows, affectedCount].
    const [, affected] = await this.dataSource.query<[unknown, number]>(
      `DELETE FROM saved_view WHERE id = $1 AND user_id = $2`,
      [id, userId],
    );
    return affected > 0;
  }
}
