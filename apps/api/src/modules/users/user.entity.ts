import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { Role } from '../../common/auth/roles';

@Entity('app_user')
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text')
  email!: string;

  @Column('text')
  displayName!: string;

  @Column('text')
  role!: Role;

  @Column('text', { nullable: true })
  deskId!: string | null;

  @Column('boolean')
  active!: boolean;

  @Column('text', { nullable: true, select: false })
  passwordHash!: string | null;

  @Column('boolean')
  mustChangePassword!: boolean;

  @Column('text', { nullable: true, select: false })
  totpSecret!: string | null;

  @Column('boolean')
  totpEnabled!: boolean;

  @Column('timestamptz', { nullable: true })
  passwordChangedAt!: Date | null;

  @Column('timestamptz', { nullable: true })
  lastLoginAt!: Date | null;

  @Column('integer')
  version!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
