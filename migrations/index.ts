import { ReferenceData1795300000000 } from './1795300000000-ReferenceData';

// Every migration, in order. A unit test checks that no file in this folder is missing here.
export const MIGRATIONS = [ReferenceData1795300000000];
