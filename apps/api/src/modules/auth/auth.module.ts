import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ApiTokensModule } from '../api-tokens/api-tokens.module';
import { AuditModule } from '../audit/audit.module';
import { UsersModule } from '../users/users.module';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { CredentialListenerService } from './credential-listener.service';
import { LoginAttemptsRepository } from './login-attempts.repository';
import { LoginSessionService } from './login-session.service';
import { LoginSessionsRepository } from './login-sessions.repository';
import { LoginThrottleService } from './login-throttle.service';

@Module({
  imports: [AuditModule, ApiTokensModule, UsersModule],
  controllers: [AuthController],
  providers: [
    LoginAttemptsRepository,
    LoginSessionsRepository,
    LoginSessionService,
    LoginThrottleService,
    AuthService,
    CredentialListenerService,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
})
export class AuthModule {}
