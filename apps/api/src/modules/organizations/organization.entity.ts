import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('organization')
export class OrganizationEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text')
  name!: string;

  @Column('text', { nullable: true })
  nameKana!: string | null;

  @Column('char', { length: 13, nullable: true })
  corporateNumber!: string | null;

  @Column('char', { length: 2, nullable: true })
  prefectureCode!: string | null;

  @Column('text', { nullable: true })
  address!: string | null;

  @Column('char', { length: 1, nullable: true })
  industryCode!: string | null;

  @Column('text', { nullable: true })
  industrySubcode!: string | null;

  @Column('text', { nullable: true })
  smeSector!: string | null;

  @Column('integer', { nullable: true })
  employees!: number | null;

  // bigint arrives as a string from pg; capital fits safely in a JS number (< 2^53 yen).
  @Column('bigint', {
    nullable: true,
    transformer: {
      to: (v: number | null) => v,
      from: (v: string | null) => (v === null ? null : Number(v)),
    },
  })
  capitalYen!: number | null;

  @Column('text')
  teleworkStatus!: string;

  @Column('boolean')
  chamberMember!: boolean;

  @Column('text', { nullable: true })
  teleworkStatusSource!: string | null;

  @Column('text', { nullable: true })
  teleworkStatusReason!: string | null;

  @Column('timestamptz', { nullable: true })
  teleworkStatusChangedAt!: Date | null;

  @Column('text', { nullable: true })
  duplicateOverrideReason!: string | null;

  @Column('text', { nullable: true })
  phone!: string | null;

  @Column('text')
  notes!: string;

  @Column('boolean', { nullable: true })
  sme!: boolean | null;

  @Column('text')
  smeReason!: string;

  @Column('uuid', { nullable: true })
  mergedInto!: string | null;

  @Column('integer')
  version!: number;

  @Column('timestamptz')
  createdAt!: Date;

  @Column('timestamptz')
  updatedAt!: Date;
}
