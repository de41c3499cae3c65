import { Body, Controller, Delete, Get, HttpCode, Post } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal } from '../../common/auth/current-principal.decorator';
import { Allow } from '../../common/auth/policy';
import type { Principal } from '../../common/auth/principal';
import { ErrorBodyDto } from '../../common/errors/error-body.dto';
import { UuidParam } from '../../common/http/uuid-param';
import { CASE_READERS } from './case-scope';
import { CreateSavedViewDto, SavedViewDto, SavedViewListDto } from './dto/saved-view.dto';
import { SavedViewsService } from './saved-views.service';

/** Each user's saved case-list views (named filter sets). */
@ApiTags('cases')
@Controller('saved-views')
export class SavedViewsController {
  constructor(private readonly views: SavedViewsService) {}

  @Get()
  @Allow(...CASE_READERS)
  @ApiOperation({ operationId: 'savedViewsList', summary: 'My saved case-list views' })
  @ApiOkResponse({ type: SavedViewListDto })
  async list(@CurrentPrincipal() principal: Principal): Promise<SavedViewListDto> {
    return { items: await this.views.list(principal) };
  }

  @Post()
  @Allow(...CASE_READERS)
  @ApiOperation({ operationId: 'savedViewsCreate', summary: 'Save the current filters by name' })
  @ApiCreatedResponse({ type: SavedViewDto })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'SAVED_VIEW_NAME_TAKEN' })
  create(
    @Body() dto: CreateSavedViewDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<SavedViewDto> {
    return this.views.create(dto, principal);
  }

  @Delete(':id')
  @Allow(...CASE_READERS)
  @HttpCode(204)
  @ApiOperation({ operationId: 'savedViewsDelete', summary: 'Delete one of my saved views' })
  @ApiNoContentResponse()
  async remove(@UuidParam() id: string, @CurrentPrincipal() principal: Principal): Promise<void> {
    await this.views.remove(id, principal);
  }
}
