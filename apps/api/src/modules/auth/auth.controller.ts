import { Body, Controller, Get, HttpCode, Inject, Post, Res } from '@nestjs/common';
import {
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Actor, type ActorContext } from '../../common/auth/actor-context';
import { CurrentPrincipal } from '../../common/auth/current-principal.decorator';
import { Public, SignedInBeforePasswordChange } from '../../common/auth/policy';
import type { Principal } from '../../common/auth/principal';
import { clearSessionCookie, setSessionCookie } from '../../common/auth/session-cookie';
import { ErrorBodyDto } from '../../common/errors/error-body.dto';
import { SETTINGS, type Settings } from '../../config/settings';
import { AuthService } from './auth.service';
import { ChangePasswordDto, LoginDto, SessionDto, TotpCodeDto, TotpSetupDto } from './dto/auth.dto';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    @Inject(SETTINGS) private readonly settings: Settings,
  ) {}

  @Post('login')
  @HttpCode(200)
  @Public()
  @ApiOperation({
    operationId: 'authLogin',
    summary: 'Sign in; sets the httpOnly session cookie and returns the CSRF token',
  })
  @ApiOkResponse({ type: SessionDto })
  @ApiUnauthorizedResponse({
    type: ErrorBodyDto,
    description: 'INVALID_CREDENTIALS, TOTP_REQUIRED or TOTP_INVALID',
  })
  @ApiTooManyRequestsResponse({
    type: ErrorBodyDto,
    description: 'LOGIN_THROTTLED, with Retry-After',
  })
  async login(
    @Body() dto: LoginDto,
    @Actor() actor: ActorContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionDto> {
    const { token, expiresAt, session } = await this.auth.login(dto, actor);
    setSessionCookie(reply, this.settings, token, expiresAt);
    return session;
  }

  @Post('logout')
  @HttpCode(204)
  @SignedInBeforePasswordChange()
  @ApiOperation({
    operationId: 'authLogout',
    summary: 'Sign out; the session cannot be used again',
  })
  @ApiNoContentResponse()
  async logout(
    @CurrentPrincipal() principal: Principal,
    @Actor() actor: ActorContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    await this.auth.logout(principal, actor);
    clearSessionCookie(reply, this.settings);
  }

  @Get('me')
  @SignedInBeforePasswordChange()
  @ApiOperation({
    operationId: 'authMe',
    summary: 'The signed-in user and the CSRF token of this session',
  })
  @ApiOkResponse({ type: SessionDto })
  me(@CurrentPrincipal() principal: Principal): Promise<SessionDto> {
    return this.auth.me(principal);
  }

  @Post('password')
  @HttpCode(204)
  @SignedInBeforePasswordChange()
  @ApiOperation({
    operationId: 'authChangePassword',
    summary: "Change one's own password; other sessions of the user are signed out",
  })
  @ApiNoContentResponse()
  changePassword(
    @CurrentPrincipal() principal: Principal,
    @Body() dto: ChangePasswordDto,
    @Actor() actor: ActorContext,
  ): Promise<void> {
    return this.auth.changePassword(principal, dto, actor);
  }

  @Post('totp/setup')
  @SignedInBeforePasswordChange()
  @ApiOperation({
    operationId: 'authTotpSetup',
    summary: 'Start two-factor enrolment: a new secret to scan',
  })
  @ApiOkResponse({ type: TotpSetupDto })
  @HttpCode(200)
  totpSetup(
    @CurrentPrincipal() principal: Principal,
    @Actor() actor: ActorContext,
  ): Promise<TotpSetupDto> {
    return this.auth.totpSetup(principal, actor);
  }

  @Post('totp/enable')
  @HttpCode(204)
  @SignedInBeforePasswordChange()
  @ApiOperation({ operationId: 'authTotpEnable', summary: 'Confirm enrolment with a current code' })
  @ApiNoContentResponse()
  totpEnable(
    @CurrentPrincipal() principal: Principal,
    @Body() dto: TotpCodeDto,
    @Actor() actor: ActorContext,
  ): Promise<void> {
    return this.auth.totpEnable(principal, dto.code, actor);
  }

  @Post('totp/reset')
  @HttpCode(200)
  @SignedInBeforePasswordChange()
  @ApiOperation({
    operationId: 'authTotpReset',
    summary: 'Move two-factor sign-in to a new device: a current code, then a new secret to scan',
    description:
      'Also where two-factor sign-in is required (unlike disable): until the new secret is ' +
      'confirmed with POST /api/auth/totp/enable, every other route answers TOTP_ENROLLMENT_REQUIRED ' +
      'for a required role, and sign-in asks no code.',
  })
  @ApiOkResponse({ type: TotpSetupDto })
  totpReset(
    @CurrentPrincipal() principal: Principal,
    @Body() dto: TotpCodeDto,
    @Actor() actor: ActorContext,
  ): Promise<TotpSetupDto> {
    return this.auth.totpReset(principal, dto.code, actor);
  }

  @Post('totp/disable')
  @HttpCode(204)
  @SignedInBeforePasswordChange()
  @ApiOperation({
    operationId: 'authTotpDisable',
    summary: 'Turn two-factor sign-in off (not where it is required)',
  })
  @ApiNoContentResponse()
  totpDisable(
    @CurrentPrincipal() principal: Principal,
    @Body() dto: TotpCodeDto,
    @Actor() actor: ActorContext,
  ): Promise<void> {
    return this.auth.totpDisable(principal, dto.code, actor);
  }
}
