import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ApiTokenService } from './api-token.service';
import { ApiTokensController } from './api-tokens.controller';
import { ApiTokensRepository } from './api-tokens.repository';

@Module({
  imports: [AuditModule],
  controllers: [ApiTokensController],
  providers: [ApiTokensRepository, ApiTokenService],
  exports: [ApiTokenService],
})
export class ApiTokensModule {}
