import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Row } from '../../database/rows';

/** What the downloads look up besides their figures: the desks' names. */
@Injectable()
export class ReportOutputRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  deskNames(): Promise<Row<'desk', 'id' | 'name_ja'>[]> {
    return this.dataSource.query<Row<'desk', 'id' | 'name_ja'>[]>(`SELECT id, name_ja FROM desk`);
  }
}
