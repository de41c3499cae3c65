import { asPostgresFlags, postgresMemorySettings } from './postgres-memory';

const GB = 1024 * 1024 * 1024;

describe(postgresMemorySettings.name, () => {
  it('gives a quarter of memory to shared buffers and three quarters to the planner', () => {
    expect(postgresMemorySettings(24 * GB)).toEqual({
      shared_buffers: '6144MB',
      effective_cache_size: '18432MB',
      maintenance_work_mem: '1024MB',
    });
    expect(postgresMemorySettings(4 * GB)).toEqual({
      shared_buffers: '1024MB',
      effective_cache_size: '3072MB',
      maintenance_work_mem: '256MB',
    });
  });

  it('keeps the stock floor on a small machine and the caps on a large one', () => {
    expect(postgresMemorySettings(0.25 * GB)).toEqual({
      shared_buffers: '128MB',
      effective_cache_size: '512MB',
      maintenance_work_mem: '64MB',
    });
    expect(postgresMemorySettings(128 * GB).shared_buffers).toBe('8192MB');
    expect(postgresMemorySettings(128 * GB).maintenance_work_mem).toBe('1024MB');
  });

  it('reads as postgres -c flags', () => {
    expect(asPostgresFlags({ shared_buffers: '128MB', work_mem: '4MB' })).toEqual([
      '-c',
      'shared_buffers=128MB',
      '-c',
      'work_mem=4MB',
    ]);
  });
});
