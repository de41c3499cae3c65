import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiExtraModels,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Actor, type ActorContext } from '../../common/auth/actor-context';
import { Allow } from '../../common/auth/policy';
import { ErrorBodyDto } from '../../common/errors/error-body.dto';
import { UuidParam } from '../../common/http/uuid-param';
import {
  ContactDto,
  ContactHitListDto,
  ContactListDto,
  ContactSearchQueryDto,
  CreateContactDto,
  UpdateContactDto,
} from './dto/contact.dto';
import {
  DuplicateListDto,
  DuplicateQueryDto,
  PossibleDuplicateDetailsDto,
} from './dto/duplicates.dto';
import {
  CreateOrganizationDto,
  OrganizationDto,
  OrganizationListDto,
  OrganizationQueryDto,
  UpdateOrganizationDto,
} from './dto/organization.dto';
import { ContactsService } from './contacts.service';
import { OrganizationRegistryCheckDto } from './dto/registry-check.dto';
import { OrganizationsService } from './organizations.service';
import { RegistryCheckService } from './registry-check.service';

// Desk work: the center and the regional desks log and edit; managers and admins read.
const READERS = ['operator', 'desk_staff', 'manager', 'admin'] as const;
const WRITERS = ['operator', 'desk_staff'] as const;
// A contact's personal data: every role may ask, and contactVisibility answers 404 unless the
// task needs it (national center, managers, admins, the desks and experts on its cases).
const CONTACT_HANDLERS = ['operator', 'desk_staff', 'expert', 'manager', 'admin'] as const;

@ApiTags('organizations')
@Controller()
export class OrganizationsController {
  constructor(
    private readonly organizations: OrganizationsService,
    private readonly contacts: ContactsService,
    private readonly registryCheck: RegistryCheckService,
  ) {}

  @Get('organizations')
  @Allow(...READERS)
  @ApiOperation({
    operationId: 'organizationsSearch',
    summary: 'Search (typeahead) or browse organizations',
    description:
      'q matches name, reading (hiragana, katakana, half-width), corporate number and phone numbers ' +
      '(the organization’s and its contacts’), or a contact’s exact email address. The results never ' +
      'carry contacts.',
  })
  @ApiOkResponse({ type: OrganizationListDto })
  search(@Query() query: OrganizationQueryDto): Promise<OrganizationListDto> {
    return this.organizations.search(query);
  }

  @Get('organizations/duplicates')
  @Allow(...READERS)
  @ApiOperation({
    operationId: 'organizationsDuplicates',
    summary: 'Likely duplicates of an organization about to be created',
  })
  @ApiOkResponse({ type: DuplicateListDto })
  async duplicates(@Query() query: DuplicateQueryDto): Promise<DuplicateListDto> {
    return { items: await this.organizations.duplicates(query) };
  }

  @Post('organizations')
  @Allow(...WRITERS)
  @ApiOperation({ operationId: 'organizationsCreate', summary: 'Register an organization' })
  @ApiCreatedResponse({ type: OrganizationDto })
  @ApiExtraModels(PossibleDuplicateDetailsDto)
  @ApiConflictResponse({
    type: ErrorBodyDto,
    description:
      'ORGANIZATION_DUPLICATE (the corporate number is registered), with existingId; or ORGANIZATION_POSSIBLE_DUPLICATE, with `details` a PossibleDuplicateDetails listing the candidates, unless duplicateOverrideReason is given',
  })
  create(
    @Body() dto: CreateOrganizationDto,
    @Actor() actor: ActorContext,
  ): Promise<OrganizationDto> {
    return this.organizations.create(dto, actor);
  }

  @Get('organizations/:id')
  @Allow(...READERS)
  @ApiOperation({
    operationId: 'organizationsGet',
    summary: 'One organization with its SME flag and session allowance',
  })
  @ApiOkResponse({ type: OrganizationDto })
  get(@UuidParam() id: string): Promise<OrganizationDto> {
    return this.organizations.get(id);
  }

  @Get('organizations/:id/registry-check')
  @Allow(...READERS)
  @ApiOperation({
    operationId: 'organizationsRegistryCheck',
    summary: 'The organization compared with the corporate-number registry',
    description:
      'Flags a registered name or address that differs from the organization record, or a corporation the registry marks as closed, and answers the registered name, kana and address to copy from.',
  })
  @ApiOkResponse({ type: OrganizationRegistryCheckDto })
  registryCheckOf(@UuidParam() id: string): Promise<OrganizationRegistryCheckDto> {
    return this.registryCheck.check(id);
  }

  @Patch('organizations/:id')
  @Allow(...WRITERS)
  @ApiOperation({
    operationId: 'organizationsUpdate',
    summary: 'Edit an organization (send the version you saw)',
  })
  @ApiOkResponse({ type: OrganizationDto })
  @ApiConflictResponse({
    type: ErrorBodyDto,
    description: 'ORGANIZATION_VERSION_CONFLICT or ORGANIZATION_DUPLICATE',
  })
  update(
    @UuidParam() id: string,
    @Body() dto: UpdateOrganizationDto,
    @Actor() actor: ActorContext,
  ): Promise<OrganizationDto> {
    return this.organizations.update(id, dto, actor);
  }

  @Get('organizations/:id/contacts')
  @Allow(...READERS)
  @ApiOperation({
    operationId: 'contactsList',
    summary: 'The organization’s contact people you may see (audited)',
    description:
      'Contacts are listed only for the national center, managers, admins, and a desk holding or being ' +
      'offered a case with that contact; the rest are left out and contactsHidden is true.',
  })
  @ApiOkResponse({ type: ContactListDto })
  listContacts(@UuidParam() id: string, @Actor() actor: ActorContext): Promise<ContactListDto> {
    return this.contacts.listOf(id, actor);
  }

  @Post('organizations/:id/contacts')
  @Allow(...WRITERS)
  @ApiOperation({ operationId: 'contactsCreate', summary: 'Add a contact person' })
  @ApiCreatedResponse({ type: ContactDto })
  createContact(
    @UuidParam() id: string,
    @Body() dto: CreateContactDto,
    @Actor() actor: ActorContext,
  ): Promise<ContactDto> {
    return this.contacts.create(id, dto, actor);
  }

  @Get('contacts')
  @Allow(...READERS)
  @ApiOperation({
    operationId: 'contactsSearch',
    summary: 'Contacts at a whole email address, only those you may see (audited)',
    description:
      'For the search box. A contact your task does not need is left out: find its organization ' +
      'with GET /api/organizations?q=<address> instead. A partial address is a 400 on email.',
  })
  @ApiOkResponse({ type: ContactHitListDto })
  searchContacts(
    @Query() query: ContactSearchQueryDto,
    @Actor() actor: ActorContext,
  ): Promise<ContactHitListDto> {
    return this.contacts.searchByEmail(query.email, actor);
  }

  @Get('contacts/:id')
  @Allow(...CONTACT_HANDLERS)
  @ApiOperation({
    operationId: 'contactsGet',
    summary: 'One contact person (audited); 404 unless your task needs the contact',
  })
  @ApiOkResponse({ type: ContactDto })
  getContact(@UuidParam() id: string, @Actor() actor: ActorContext): Promise<ContactDto> {
    return this.contacts.get(id, actor);
  }

  @Patch('contacts/:id')
  @Allow(...CONTACT_HANDLERS)
  @ApiOperation({
    operationId: 'contactsUpdate',
    summary:
      'Edit a contact person, or mark them as no longer there (send the version you saw); 404 unless your task needs the contact',
  })
  @ApiOkResponse({ type: ContactDto })
  updateContact(
    @UuidParam() id: string,
    @Body() dto: UpdateContactDto,
    @Actor() actor: ActorContext,
  ): Promise<ContactDto> {
    return this.contacts.update(id, dto, actor);
  }
}
