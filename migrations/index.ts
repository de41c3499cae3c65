import { ReferenceData1795300000000 } from './1795300000000-ReferenceData';
import { AccountsAndAudit1795400000000 } from './1795400000000-AccountsAndAudit';
import { OrganizationsAndCases1795500000000 } from './1795500000000-OrganizationsAndCases';
import { ExpertsAndSessions1795600000000 } from './1795600000000-ExpertsAndSessions';
import { RoutingSlaFollowUps1795700000000 } from './1795700000000-RoutingSlaFollowUps';
import { SearchAndQueueIndexes1795710000000 } from './1795710000000-SearchAndQueueIndexes';
import { CasePresence1795720000000 } from './1795720000000-CasePresence';
import { Reports1795800000000 } from './1795800000000-Reports';
import { ReportRollups1795900000000 } from './1795900000000-ReportRollups';
import { ReportRollupGrains1795910000000 } from './1795910000000-ReportRollupGrains';
import { OrganizationRecord1796000000000 } from './1796000000000-OrganizationRecord';
import { CaseSearchText1796010000000 } from './1796010000000-CaseSearchText';
import { ContactPrivacy1796040000000 } from './1796040000000-ContactPrivacy';
import { OrganizationIndustrySubcode1796050000000 } from './1796050000000-OrganizationIndustrySubcode';
import { MailChannel1797100000000 } from './1797100000000-MailChannel';
import { PublicInquiries1797200000000 } from './1797200000000-PublicInquiries';
import { SatisfactionSurveys1797210000000 } from './1797210000000-SatisfactionSurveys';
import { DeskDefaultChannel1797300000000 } from './1797300000000-DeskDefaultChannel';
import { CaseEventRescheduleWithdraw1797400000000 } from './1797400000000-CaseEventRescheduleWithdraw';
import { ApiTokenScopes1797530000000 } from './1797530000000-ApiTokenScopes';
import { FollowUpAssigneeIndex1797530000001 } from './1797530000001-FollowUpAssigneeIndex';
import { SurveyOptOutAndResend1797540000000 } from './1797540000000-SurveyOptOutAndResend';
import { MailPollingAndReplies1797550000000 } from './1797550000000-MailPollingAndReplies';
import { CaseOrganizationSearchText1797560000000 } from './1797560000000-CaseOrganizationSearchText';
import { CorporateRegistry1797570000000 } from './1797570000000-CorporateRegistry';
import { Events1797600000000 } from './1797600000000-Events';
import { DataStewardship1797610000000 } from './1797610000000-DataStewardship';
import { TypeaheadCoveringIndex1797630000000 } from './1797630000000-TypeaheadCoveringIndex';
import { CaseSearchWeeks1797640000000 } from './1797640000000-CaseSearchWeeks';
import { EventPublicRegistration1797650000000 } from './1797650000000-EventPublicRegistration';
import { PartnerPlans1797660000000 } from './1797660000000-PartnerPlans';
import { Awards1797670000000 } from './1797670000000-Awards';
import { CaseSearchStatusKeys1797680000000 } from './1797680000000-CaseSearchStatusKeys';
import { CaseListDeskChannelIndex1797690000000 } from './1797690000000-CaseListDeskChannelIndex';
import { ReportPendingCases1797700000000 } from './1797700000000-ReportPendingCases';
import { SearchIndexPendingLists1797710000000 } from './1797710000000-SearchIndexPendingLists';
import { CredentialChangeNotifications1797720000000 } from './1797720000000-CredentialChangeNotifications';
import { CaseSearchOrganizationOwnText1797730000000 } from './1797730000000-CaseSearchOrganizationOwnText';

// Every migration, in order. A unit test checks that no file in this folder is missing here.
export const MIGRATIONS = [
  ReferenceData1795300000000,
  AccountsAndAudit1795400000000,
  OrganizationsAndCases1795500000000,
  ExpertsAndSessions1795600000000,
  RoutingSlaFollowUps1795700000000,
  SearchAndQueueIndexes1795710000000,
  CasePresence1795720000000,
  Reports1795800000000,
  ReportRollups1795900000000,
  ReportRollupGrains1795910000000,
  OrganizationRecord1796000000000,
  CaseSearchText1796010000000,
  ContactPrivacy1796040000000,
  OrganizationIndustrySubcode1796050000000,
  MailChannel1797100000000,
  PublicInquiries1797200000000,
  SatisfactionSurveys1797210000000,
  DeskDefaultChannel1797300000000,
  CaseEventRescheduleWithdraw1797400000000,
  ApiTokenScopes1797530000000,
  FollowUpAssigneeIndex1797530000001,
  SurveyOptOutAndResend1797540000000,
  MailPollingAndReplies1797550000000,
  CaseOrganizationSearchText1797560000000,
  CorporateRegistry1797570000000,
  Events1797600000000,
  DataStewardship1797610000000,
  TypeaheadCoveringIndex1797630000000,
  CaseSearchWeeks1797640000000,
  EventPublicRegistration1797650000000,
  PartnerPlans1797660000000,
  Awards1797670000000,
  CaseSearchStatusKeys1797680000000,
  CaseListDeskChannelIndex1797690000000,
  ReportPendingCases1797700000000,
  SearchIndexPendingLists1797710000000,
  CredentialChangeNotifications1797720000000,
  CaseSearchOrganizationOwnText1797730000000,
];
