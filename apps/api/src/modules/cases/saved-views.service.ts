import { Injectable } from '@nestjs/common';
import type { Principal } from '../../common/auth/principal';
import { AppError } from '../../common/errors/app-error';
import type { CreateSavedViewDto, SavedViewDto } from './dto/saved-view.dto';
import { type SavedViewRow, SavedViewsRepository } from './saved-views.repository';

const toDto = (r: SavedViewRow): SavedViewDto => ({
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
  constructor(private readonly views: SavedViewsRepository) {}

  async list(principal: Principal): Promise<SavedViewDto[]> {
    return (await this.views.list(principal.userId)).map(toDto);
  }

  async create(dto: CreateSavedViewDto, principal: Principal): Promise<SavedViewDto> {
    const row = await this.views.insert(principal.userId, dto.name, dto.query);
    if (!row) {
      throw new AppError('SAVED_VIEW_NAME_TAKEN', `You already have a view named "${dto.name}".`, [
        { field: 'name', message: 'is already used by another of your views' },
      ]);
    }
    return toDto(row);
  }

  async remove(id: string, principal: Principal): Promise<void> {
    if (!(await this.views.remove(id, principal.userId))) {
      throw new AppError('NOT_FOUND', 'No such saved view.');
    }
  }
}
