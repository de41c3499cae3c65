import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Actor, type ActorContext } from '../../common/auth/actor-context';
import { Allow } from '../../common/auth/policy';
import { ErrorBodyDto } from '../../common/errors/error-body.dto';
import { UuidParam } from '../../common/http/uuid-param';
import { UserDto } from './dto/user.dto';
import {
  CreatedUserDto,
  CreateUserDto,
  UpdateUserDto,
  UserListDto,
  UserQueryDto,
} from './dto/user-input.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@Controller('users')
@Allow('admin')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOperation({ operationId: 'usersList', summary: 'Staff accounts (admin)' })
  @ApiOkResponse({ type: UserListDto })
  async list(@Query() query: UserQueryDto): Promise<UserListDto> {
    return { items: await this.users.list(query), nextCursor: null };
  }

  @Post()
  @ApiOperation({
    operationId: 'usersCreate',
    summary: 'Create a staff account with a temporary password (admin)',
  })
  @ApiCreatedResponse({ type: CreatedUserDto })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'USER_EMAIL_TAKEN' })
  create(@Body() dto: CreateUserDto, @Actor() actor: ActorContext): Promise<CreatedUserDto> {
    return this.users.create(dto, actor);
  }

  @Get(':id')
  @ApiOperation({ operationId: 'usersGet', summary: 'One staff account (admin)' })
  @ApiOkResponse({ type: UserDto })
  get(@UuidParam() id: string): Promise<UserDto> {
    return this.users.get(id);
  }

  @Patch(':id')
  @ApiOperation({
    operationId: 'usersUpdate',
    summary: 'Change name, role, desk or active flag (admin); effective on the next request',
  })
  @ApiOkResponse({ type: UserDto })
  @ApiConflictResponse({
    type: ErrorBodyDto,
    description: 'USER_VERSION_CONFLICT or CANNOT_CHANGE_OWN_ACCESS',
  })
  update(
    @UuidParam() id: string,
    @Body() dto: UpdateUserDto,
    @Actor() actor: ActorContext,
  ): Promise<UserDto> {
    return this.users.update(id, dto, actor);
  }

  @Post(':id/reset-password')
  @ApiOperation({
    operationId: 'usersResetPassword',
    summary: 'Issue a new temporary password and end the user’s sessions (admin)',
  })
  @ApiCreatedResponse({ type: CreatedUserDto })
  resetPassword(@UuidParam() id: string, @Actor() actor: ActorContext): Promise<CreatedUserDto> {
    return this.users.resetPassword(id, actor);
  }
}
