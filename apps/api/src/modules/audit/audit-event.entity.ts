import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('audit_event')
export class AuditEventEntity {
  // bigint comes back from pg as a string, which is also what keeps it exact.
  @PrimaryColumn('bigint')
  id!: string;

  @Column('timestamptz')
  at!: Date;

  @Column('uuid', { nullable: true })
  actorId!: string | null;

  @Column('text', { nullable: true })
  actorEmail!: string | null;

  @Column('text')
  action!: string;

  @Column('text')
  entityType!: string;

  @Column('text', { nullable: true })
  entityId!: string | null;

  @Column('inet', { nullable: true })
  ip!: string | null;

  @Column('text', { nullable: true })
  requestId!: string | null;

  @Column('jsonb', { nullable: true })
  changes!: Record<string, { from: unknown; to: unknown }> | null;

  @Column('jsonb', { nullable: true })
  meta!: Record<string, unknown> | null;
}
