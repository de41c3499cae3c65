import type { HandoverKind } from './handover-tables';
import type { IdentitySequence, TableColumn } from './handover.repository';

/** Raised for every refusal the operator must act on; the CLI prints its message only. */
export class HandoverError extends Error {}

export const FORMAT_NAME = 'madoguchi-handover';
/** Bump when the archive's layout or a file's meaning changes, and add an upgrade below. */
export const FORMAT_VERSION = 1;
export const MANIFEST_PATH = 'manifest.json';

export interface ManifestFile {
  path: string;
  table: string;
  kind: HandoverKind;
  rows: number;
  bytes: number;
  sha256: string;
  primaryKey: string[];
  columns: TableColumn[];
}

export interface Manifest {
  format: typeof FORMAT_NAME;
  formatVersion: number;
  /** The newest migration applied to the exporting database. */
  schemaVersion: string;
  createdAt: string;
  withCredentials: boolean;
  /** In load order: a table comes after the tables it references (cycles noted in the docs). */
  files: ManifestFile[];
  sequences: IdentitySequence[];
  excluded: Record<string, string>;
}

/**
 * One step from an older format version to the next. `manifest` may rename files, tables or
 * columns; `row` rewrites each row of a file (by its table name after `manifest` ran).
 */
export interface FormatUpgrade {
  description: string;
  manifest?: (manifest: Manifest) => Manifest;
  row?: (table: string, row: Record<string, unknown>) => Record<string, unknown>;
}

/**
 * UPGRADES[v] takes an archive of format v to v + 1. Version 1 is the first, so none exist yet;
 * the import runs every step from the archive's version up to FORMAT_VERSION.
 */
export const UPGRADES: Readonly<Record<number, FormatUpgrade>> = {};

export interface UpgradePlan {
  manifest: Manifest;
  steps: FormatUpgrade[];
}

/** The chain of upgrades an archive needs, and its manifest as the current format sees it. */
export function planUpgrade(
  manifest: Manifest,
  upgrades: Readonly<Record<number, FormatUpgrade>> = UPGRADES,
): UpgradePlan {
  if (manifest.format !== FORMAT_NAME) {
    throw new HandoverError('This file is not a Madoguchi hand-over archive (manifest format).');
  }
  if (manifest.formatVersion > FORMAT_VERSION) {
    throw new HandoverError(
      `The archive has format version ${manifest.formatVersion}; this Madoguchi reads up to ${FORMAT_VERSION}. Upgrade Madoguchi first.`,
    );
  }
  const steps: FormatUpgrade[] = [];
  let upgraded = manifest;
  for (let v = manifest.formatVersion; v < FORMAT_VERSION; v += 1) {
    const step = upgrades[v];
    if (!step) {
      throw new HandoverError(`No upgrade from archive format version ${v} to ${v + 1}.`);
    }
    steps.push(step);
    upgraded = step.manifest ? step.manifest(upgraded) : upgraded;
  }
  return { manifest: { ...upgraded, formatVersion: FORMAT_VERSION }, steps };
}
