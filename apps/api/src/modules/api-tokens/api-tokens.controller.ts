import { Body, Controller, Delete, Get, HttpCode, Post } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Actor, type ActorContext } from '../../common/auth/actor-context';
import { Allow } from '../../common/auth/policy';
import { UuidParam } from '../../common/http/uuid-param';
import { ApiTokenService } from './api-token.service';
import { ApiTokenListDto, CreateApiTokenDto, CreatedApiTokenDto } from './dto/api-token.dto';

@ApiTags('api-tokens')
@Controller('api-tokens')
@Allow('admin')
export class ApiTokensController {
  constructor(private readonly tokens: ApiTokenService) {}

  @Get()
  @ApiOperation({
    operationId: 'apiTokensList',
    summary: 'Integration tokens, newest first (admin)',
  })
  @ApiOkResponse({ type: ApiTokenListDto })
  async list(): Promise<ApiTokenListDto> {
    return { items: await this.tokens.list() };
  }

  @Post()
  @ApiOperation({
    operationId: 'apiTokensCreate',
    summary: 'Create a token; it is shown only in this answer (admin)',
  })
  @ApiCreatedResponse({ type: CreatedApiTokenDto })
  create(
    @Body() dto: CreateApiTokenDto,
    @Actor() actor: ActorContext,
  ): Promise<CreatedApiTokenDto> {
    return this.tokens.create(dto, actor);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ operationId: 'apiTokensRevoke', summary: 'Revoke a token at once (admin)' })
  @ApiNoContentResponse()
  revoke(@UuidParam() id: string, @Actor() actor: ActorContext): Promise<void> {
    return this.tokens.revoke(id, actor);
  }
}
