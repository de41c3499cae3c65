import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ApiTokenService } from './api-token.service';
import { ApiTokensController } from './api-tokens.controller';

@Module({
  imports: [AuditModule],
  controllers: [ApiTokensController],
  providers: [ApiTokenService],
  exports: [ApiTokenService],
})
export class ApiTokensModule {}
