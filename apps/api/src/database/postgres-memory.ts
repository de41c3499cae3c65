const MB = 1024 * 1024;

const clamp = (value: number, min: number, max: number): number =>
  Math.min(max, Math.max(min, value));

/**
 * Memory settings for the embedded PostgreSQL, sized from the host's memory instead of the
 * stock 128 MB of shared buffers, which made every read that left them a trip to the page cache
 * (issue #17, cold caches). The usual starting points: a quarter of memory for shared buffers
 * (capped at 8 GB, beyond which the page cache serves as well), three quarters as the planner's
 * idea of what is cached, and a sixteenth for index builds and VACUUM (capped at 1 GB). A
 * managed server is set by its operator: see docs/operations.md.
 */
export interface PostgresMemorySettings {
  shared_buffers: string;
  effective_cache_size: string;
  maintenance_work_mem: string;
}

export function postgresMemorySettings(totalBytes: number): PostgresMemorySettings {
  const mb = (bytes: number): string => `${Math.floor(bytes / MB)}MB`;
  return {
    shared_buffers: mb(clamp(totalBytes / 4, 128 * MB, 8192 * MB)),
    effective_cache_size: mb(clamp((totalBytes * 3) / 4, 512 * MB, Number.POSITIVE_INFINITY)),
    maintenance_work_mem: mb(clamp(totalBytes / 16, 64 * MB, 1024 * MB)),
  };
}

/** The same as `postgres -c name=value` flags. */
export const asPostgresFlags = (settings: object): string[] =>
  Object.entries(settings).flatMap(([name, value]) => ['-c', `${name}=${String(value)}`]);
