/** The API's length limits on a case's text (IntakeDto, UpdateCaseDto), counted as people type. */
export const SUBJECT_MAX = 200;
export const DESCRIPTION_MAX = 20000;
