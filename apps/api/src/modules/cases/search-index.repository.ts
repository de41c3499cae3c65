import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/** The search indexes' upkeep (migration SearchIndexPendingLists). */
@Injectable()
export class SearchIndexRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Merges the pending lists of the case and organization search indexes; answers the pages merged. */
  async flush(): Promise<number> {
    const [row] = await this.dataSource.query<{ pages: string }[]>(
      `SELECT search_index_flush() AS pages`,
    );
    return Number(row?.pages ?? 0);
  }
}
